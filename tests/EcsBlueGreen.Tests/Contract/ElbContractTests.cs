using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Elb;
using Xunit;

namespace EcsBlueGreen.Tests.Contract
{
    public class ElbContractTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static readonly Dictionary<string, Func<IElbApi, Task>> Calls = new Dictionary<string, Func<IElbApi, Task>>
        {
            ["DescribeTargetGroups"] = async c =>
            {
                var group = Assert.Single(await c.DescribeTargetGroupsAsync(new[] { "arn:tg1", "arn:tg2" }, null, None));
                Assert.Equal("sample-TargetGroupName", group.TargetGroupName);
                Assert.Single(group.LoadBalancerArns);
                Assert.Single(await c.DescribeTargetGroupsAsync(null, "arn:lb", None));
            },
            ["DescribeTargetHealth"] = async c =>
            {
                var health = Assert.Single(await c.DescribeTargetHealthAsync("arn:tg", new[] { "10.0.0.1" }, None));
                Assert.Equal("initial", health.State);
                Assert.Equal("sample-Id", health.TargetId);
                Assert.NotNull(health.Reason);
            },
            ["DescribeTargetGroupAttributes"] = async c =>
            {
                var attributes = await c.DescribeTargetGroupAttributesAsync("arn:tg", None);
                Assert.Equal("sample-Value", Assert.Single(attributes).Value);
            },
            ["DescribeListeners"] = async c =>
            {
                var listener = Assert.Single(await c.DescribeListenersAsync("arn:lb", null, None));
                Assert.Equal("sample-TargetGroupArn", Assert.Single(Assert.Single(listener.DefaultActions).ForwardTargetGroups).TargetGroupArn);
                Assert.Single(await c.DescribeListenersAsync(null, new[] { "arn:l1" }, None));
            },
            ["DescribeRules"] = async c =>
            {
                var rule = Assert.Single(await c.DescribeRulesAsync("arn:l", null, None));
                Assert.True(rule.IsDefault);
                var condition = Assert.Single(rule.Conditions);
                Assert.Equal("sample-HttpHeaderName", condition.HttpHeaderName);
                Assert.Single(await c.DescribeRulesAsync(null, new[] { "arn:r1" }, None));
            },
            ["DescribeLoadBalancers"] = async c =>
            {
                var lb = Assert.Single(await c.DescribeLoadBalancersAsync(new[] { "arn:lb" }, None));
                Assert.Equal("sample-DNSName", lb.DnsName);
                Assert.Equal("sample-LoadBalancerArn", lb.LoadBalancerArn);
            },
        };

        public static IEnumerable<object[]> Operations() => Calls.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Operations))]
        public async Task Request_and_response_match_the_model(string operation)
        {
            using var harness = new ContractHarness("elbv2-2015-12-01.service-2.json", query: true);
            await Calls[operation](harness.Session.CreateElbClient());
            Assert.Contains(operation, harness.OperationsCalled);
            harness.AssertRequestsMatchModel(query: true);
        }
    }
}
