using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments.Hooks;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Elb;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments.Hooks
{
    public class TrafficEndpointReaderTests
    {
        private const string RuleArn = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/my-lb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
        private const string ListenerArn = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/my-lb/50dc6c495c0c9188/f2f7dc8efc522ab2";

        [Fact]
        public void A_rule_ARN_names_its_listener()
        {
            Assert.Equal(ListenerArn, TrafficEndpointReader.ListenerOf(RuleArn));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("not-an-arn")]
        [InlineData("arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/my-lb/50dc6c495c0c9188/f2f7dc8efc522ab2")]
        [InlineData("arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/")]
        public void Anything_else_names_no_listener(string? junk)
        {
            Assert.Null(TrafficEndpointReader.ListenerOf(junk));
        }

        [Fact]
        public void A_test_rule_is_reached_on_its_listener_with_its_path_header_and_host_wildcards_filled_in()
        {
            var rule = new ElbRule
            {
                RuleArn = RuleArn,
                Conditions = new[]
                {
                    new ElbRuleCondition { Field = "http-header", HttpHeaderName = "x-test", Values = new[] { "tr*e?", "other" } },
                    new ElbRuleCondition { Field = "path-pattern", Values = new[] { "/api/*" } },
                    new ElbRuleCondition { Field = "host-header", Values = new[] { "*.example.com" } },
                },
            };
            var listener = new ElbListener { ListenerArn = ListenerArn, Protocol = "HTTPS", Port = 8443 };

            var endpoint = TrafficEndpointReader.Build(rule, listener, "dns");

            Assert.Equal("https://dns:8443/api/", endpoint.Url);
            var header = Assert.Single(endpoint.Headers);
            Assert.Equal("x-test", header.Key);
            // * matches nothing, ? one character (an x).
            Assert.Equal("trex", header.Value);
            Assert.Equal("x.example.com", endpoint.Host);
            Assert.Equal(RuleArn, endpoint.RuleArn);
            Assert.Equal(ListenerArn, endpoint.ListenerArn);
            Assert.Equal("https://dns:8443/api/ (x-test: trex)", endpoint.ToString());
        }

        [Fact]
        public void A_rule_without_conditions_is_the_root_of_a_plain_http_listener()
        {
            var endpoint = TrafficEndpointReader.Build(new ElbRule { RuleArn = RuleArn }, new ElbListener { ListenerArn = ListenerArn, Protocol = "HTTP", Port = 80 }, "lb.example");
            Assert.Equal("http://lb.example:80/", endpoint.Url);
            Assert.Empty(endpoint.Headers);
            Assert.Null(endpoint.Host);
        }

        [Fact]
        public async Task Reads_both_endpoints_with_one_call_of_each_kind()
        {
            var elb = FakeElb.TwoListeners();
            var (test, production) = await TrafficEndpointReader.ReadAsync(elb, FakeElb.NativeService(), CancellationToken.None);

            Assert.Equal(1, elb.CallCount("DescribeRules"));
            Assert.Equal(1, elb.CallCount("DescribeListeners"));
            Assert.Equal(1, elb.CallCount("DescribeLoadBalancers"));
            Assert.Equal(3, elb.Calls.Values.Sum());
            Assert.Equal(new[] { FakeElb.TestRule, FakeElb.ProductionRule }, elb.RuleArnsAsked.Single());
            Assert.Equal(new[] { FakeElb.TestListener, FakeElb.ProductionListener }, elb.ListenerArnsAsked.Single());
            Assert.Equal(new[] { FakeElb.LoadBalancer }, elb.LoadBalancerArnsAsked.Single());

            Assert.NotNull(test);
            Assert.Equal("http://my-lb-1234.us-west-2.elb.amazonaws.com:8080/", test!.Url);
            Assert.Equal(new Dictionary<string, string> { ["x-blue-green"] = "test" }, test.Headers);
            Assert.Equal(FakeElb.TestRule, test.RuleArn);
            Assert.Equal(FakeElb.TestListener, test.ListenerArn);
            Assert.NotNull(production);
            Assert.Equal("https://my-lb-1234.us-west-2.elb.amazonaws.com:443/", production!.Url);
            Assert.Empty(production.Headers);
            Assert.Equal(FakeElb.ProductionRule, production.RuleArn);
        }

        [Fact]
        public async Task A_service_without_advanced_configuration_has_no_endpoints_and_makes_no_call()
        {
            var elb = FakeElb.TwoListeners();
            var service = FakeElb.NativeService();
            service.LoadBalancers = new[] { new ServiceLoadBalancer { TargetGroupArn = "arn:tg/blue", ContainerName = "app", ContainerPort = 80 } };

            var (test, production) = await TrafficEndpointReader.ReadAsync(elb, service, CancellationToken.None);

            Assert.Null(test);
            Assert.Null(production);
            Assert.Empty(elb.Calls);
        }
    }
}
