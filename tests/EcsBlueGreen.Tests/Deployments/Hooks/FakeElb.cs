using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Elb;

namespace EcsBlueGreen.Tests.Deployments.Hooks
{
    /// <summary>An in-memory ELBv2 with the routing reads a hook's endpoints need; counts its calls.</summary>
    internal sealed class FakeElb : IElbApi
    {
        public const string LoadBalancer = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/my-lb/50dc6c495c0c9188";
        public const string ProductionListener = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/my-lb/50dc6c495c0c9188/f2f7dc8efc522ab2";
        public const string TestListener = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/my-lb/50dc6c495c0c9188/0467ef3c8400ae65";
        public const string ProductionRule = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/my-lb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
        public const string TestRule = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/my-lb/50dc6c495c0c9188/0467ef3c8400ae65/a1b2c3d4e5f60718";

        public List<ElbRule> Rules { get; } = new List<ElbRule>();
        public List<ElbListener> Listeners { get; } = new List<ElbListener>();
        public List<ElbLoadBalancer> LoadBalancers { get; } = new List<ElbLoadBalancer>();
        public Dictionary<string, int> Calls { get; } = new Dictionary<string, int>();
        public List<IReadOnlyList<string>> RuleArnsAsked { get; } = new List<IReadOnlyList<string>>();
        public List<IReadOnlyList<string>> ListenerArnsAsked { get; } = new List<IReadOnlyList<string>>();
        public List<IReadOnlyList<string>> LoadBalancerArnsAsked { get; } = new List<IReadOnlyList<string>>();

        /// <summary>A production rule on HTTPS 443 and a test rule (x-blue-green: test) on HTTP 8080 of one load balancer.</summary>
        public static FakeElb TwoListeners()
        {
            var elb = new FakeElb();
            elb.Rules.Add(new ElbRule { RuleArn = ProductionRule, Priority = "1", Conditions = new[] { new ElbRuleCondition { Field = "path-pattern", Values = new[] { "/*" } } } });
            elb.Rules.Add(new ElbRule { RuleArn = TestRule, Priority = "1", Conditions = new[] { new ElbRuleCondition { Field = "http-header", HttpHeaderName = "x-blue-green", Values = new[] { "test" } } } });
            elb.Listeners.Add(new ElbListener { ListenerArn = ProductionListener, LoadBalancerArn = LoadBalancer, Protocol = "HTTPS", Port = 443 });
            elb.Listeners.Add(new ElbListener { ListenerArn = TestListener, LoadBalancerArn = LoadBalancer, Protocol = "HTTP", Port = 8080 });
            elb.LoadBalancers.Add(new ElbLoadBalancer { LoadBalancerArn = LoadBalancer, LoadBalancerName = "my-lb", DnsName = "my-lb-1234.us-west-2.elb.amazonaws.com" });
            return elb;
        }

        /// <summary>A service whose load balancer names the two rules in its advancedConfiguration.</summary>
        public static EcsService NativeService()
        {
            var service = Scenario.SteadyService();
            service.DeploymentConfiguration.Strategy = DeploymentStrategies.BlueGreen;
            service.LoadBalancers = new[]
            {
                new ServiceLoadBalancer
                {
                    TargetGroupArn = "arn:tg/blue", ContainerName = "app", ContainerPort = 80,
                    AdvancedConfiguration = new AdvancedConfiguration { AlternateTargetGroupArn = "arn:tg/green", ProductionListenerRule = ProductionRule, TestListenerRule = TestRule, RoleArn = "arn:role/ecs-elb" },
                },
            };
            return service;
        }

        public int CallCount(string operation) => Calls.TryGetValue(operation, out var n) ? n : 0;

        private void Count(string operation) => Calls[operation] = CallCount(operation) + 1;

        public Task<IReadOnlyList<ElbRule>> DescribeRulesAsync(string? listenerArn, IReadOnlyList<string>? ruleArns, CancellationToken cancellationToken)
        {
            Count("DescribeRules");
            RuleArnsAsked.Add(ruleArns?.ToList() ?? new List<string>());
            return Task.FromResult<IReadOnlyList<ElbRule>>(Rules.Where(r => ruleArns == null || ruleArns.Contains(r.RuleArn)).ToList());
        }

        public Task<IReadOnlyList<ElbListener>> DescribeListenersAsync(string? loadBalancerArn, IReadOnlyList<string>? listenerArns, CancellationToken cancellationToken)
        {
            Count("DescribeListeners");
            ListenerArnsAsked.Add(listenerArns?.ToList() ?? new List<string>());
            return Task.FromResult<IReadOnlyList<ElbListener>>(Listeners.Where(l => listenerArns == null || listenerArns.Contains(l.ListenerArn)).ToList());
        }

        public Task<IReadOnlyList<ElbLoadBalancer>> DescribeLoadBalancersAsync(IReadOnlyList<string> loadBalancerArns, CancellationToken cancellationToken)
        {
            Count("DescribeLoadBalancers");
            LoadBalancerArnsAsked.Add(loadBalancerArns.ToList());
            return Task.FromResult<IReadOnlyList<ElbLoadBalancer>>(LoadBalancers.Where(b => loadBalancerArns.Contains(b.LoadBalancerArn)).ToList());
        }

        public Task<IReadOnlyList<ElbTargetGroup>> DescribeTargetGroupsAsync(IReadOnlyList<string>? targetGroupArns, string? loadBalancerArn, CancellationToken cancellationToken) =>
            throw new NotSupportedException("not a hook read");

        public Task<IReadOnlyList<ElbTargetHealth>> DescribeTargetHealthAsync(string targetGroupArn, IReadOnlyList<string>? targetIds, CancellationToken cancellationToken) =>
            throw new NotSupportedException("not a hook read");

        public Task<IReadOnlyDictionary<string, string>> DescribeTargetGroupAttributesAsync(string targetGroupArn, CancellationToken cancellationToken) =>
            throw new NotSupportedException("not a hook read");
    }
}
