using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Elb
{
    /// <summary>Read model of an ELBv2 TargetGroup.</summary>
    public sealed class ElbTargetGroup
    {
        public string TargetGroupArn { get; set; } = "";
        public string TargetGroupName { get; set; } = "";
        public string? Protocol { get; set; }
        public int? Port { get; set; }
        public string? TargetType { get; set; }
        public string? HealthCheckPath { get; set; }
        public string? HealthCheckPort { get; set; }
        public int? HealthCheckIntervalSeconds { get; set; }
        public int? HealthyThresholdCount { get; set; }
        public int? UnhealthyThresholdCount { get; set; }
        public IReadOnlyList<string> LoadBalancerArns { get; set; } = Array.Empty<string>();
    }

    /// <summary>Target-group attribute names the module reads.</summary>
    public static class ElbAttributeNames
    {
        public const string DeregistrationDelaySeconds = "deregistration_delay.timeout_seconds";
    }

    /// <summary>One entry of DescribeTargetHealth.</summary>
    public sealed class ElbTargetHealth
    {
        public string TargetId { get; set; } = "";
        public int? Port { get; set; }
        public string? AvailabilityZone { get; set; }
        public string? HealthCheckPort { get; set; }
        /// <summary>initial, healthy, unhealthy, unhealthy.draining, unused, draining or unavailable.</summary>
        public string State { get; set; } = "";
        /// <summary>e.g. Target.ResponseCodeMismatch, Target.Timeout, Elb.InitialHealthChecking.</summary>
        public string? Reason { get; set; }
        public string? Description { get; set; }
    }

    public sealed class ElbListener
    {
        public string ListenerArn { get; set; } = "";
        public string? LoadBalancerArn { get; set; }
        public int? Port { get; set; }
        public string? Protocol { get; set; }
        public IReadOnlyList<ElbAction> DefaultActions { get; set; } = Array.Empty<ElbAction>();
    }

    public sealed class ElbLoadBalancer
    {
        public string LoadBalancerArn { get; set; } = "";
        public string? LoadBalancerName { get; set; }
        public string? DnsName { get; set; }
        /// <summary>internet-facing or internal.</summary>
        public string? Scheme { get; set; }
    }

    public sealed class ElbRule
    {
        public string RuleArn { get; set; } = "";
        /// <summary>A number as text, or "default".</summary>
        public string? Priority { get; set; }
        public bool IsDefault { get; set; }
        public IReadOnlyList<ElbRuleCondition> Conditions { get; set; } = Array.Empty<ElbRuleCondition>();
        public IReadOnlyList<ElbAction> Actions { get; set; } = Array.Empty<ElbAction>();
    }

    public sealed class ElbRuleCondition
    {
        /// <summary>path-pattern, host-header, http-header, http-request-method, query-string or source-ip.</summary>
        public string? Field { get; set; }

        /// <summary>For http-header: the header a request must carry.</summary>
        public string? HttpHeaderName { get; set; }

        public IReadOnlyList<string> Values { get; set; } = Array.Empty<string>();
    }

    /// <summary>A listener or rule action; for forward actions, the weighted target groups.</summary>
    public sealed class ElbAction
    {
        /// <summary>forward, redirect, fixed-response, authenticate-oidc, authenticate-cognito...</summary>
        public string Type { get; set; } = "";
        public int? Order { get; set; }
        /// <summary>The single target group of a simple forward action.</summary>
        public string? TargetGroupArn { get; set; }
        public IReadOnlyList<ElbWeightedTargetGroup> ForwardTargetGroups { get; set; } = Array.Empty<ElbWeightedTargetGroup>();
    }

    public sealed class ElbWeightedTargetGroup
    {
        public string TargetGroupArn { get; set; } = "";
        public int? Weight { get; set; }
    }
}
