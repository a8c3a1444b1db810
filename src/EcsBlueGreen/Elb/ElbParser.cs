using System.Linq;
using System.Xml.Linq;
using static EcsBlueGreen.Elb.ElbXml;

namespace EcsBlueGreen.Elb
{
    /// <summary>ELBv2 XML (model shapes TargetGroup, TargetHealthDescription, Listener, Rule) to read models.</summary>
    internal static class ElbParser
    {
        public static ElbTargetGroup TargetGroup(XElement x) => new ElbTargetGroup
        {
            TargetGroupArn = Str(x, "TargetGroupArn") ?? "",
            TargetGroupName = Str(x, "TargetGroupName") ?? "",
            Protocol = Str(x, "Protocol"),
            Port = Int(x, "Port"),
            TargetType = Str(x, "TargetType"),
            HealthCheckPath = Str(x, "HealthCheckPath"),
            HealthCheckPort = Str(x, "HealthCheckPort"),
            HealthCheckIntervalSeconds = Int(x, "HealthCheckIntervalSeconds"),
            HealthyThresholdCount = Int(x, "HealthyThresholdCount"),
            UnhealthyThresholdCount = Int(x, "UnhealthyThresholdCount"),
            LoadBalancerArns = Strings(x, "LoadBalancerArns"),
        };

        public static ElbTargetHealth TargetHealth(XElement x)
        {
            var target = Child(x, "Target");
            var health = Child(x, "TargetHealth");
            return new ElbTargetHealth
            {
                TargetId = Str(target, "Id") ?? "",
                Port = Int(target, "Port"),
                AvailabilityZone = Str(target, "AvailabilityZone"),
                HealthCheckPort = Str(x, "HealthCheckPort"),
                State = Str(health, "State") ?? "",
                Reason = Str(health, "Reason"),
                Description = Str(health, "Description"),
            };
        }

        public static ElbListener Listener(XElement x) => new ElbListener
        {
            ListenerArn = Str(x, "ListenerArn") ?? "",
            LoadBalancerArn = Str(x, "LoadBalancerArn"),
            Port = Int(x, "Port"),
            Protocol = Str(x, "Protocol"),
            DefaultActions = Members(x, "DefaultActions").Select(Action).ToList(),
        };

        public static ElbRule Rule(XElement x) => new ElbRule
        {
            RuleArn = Str(x, "RuleArn") ?? "",
            Priority = Str(x, "Priority"),
            IsDefault = Bool(x, "IsDefault") ?? false,
            Conditions = Members(x, "Conditions").Select(Condition).ToList(),
            Actions = Members(x, "Actions").Select(Action).ToList(),
        };

        // The values of a condition are in its *Config member (HttpHeaderConfig for http-header, whose
        // name only it carries); the older flat Values list is read when no config is given.
        public static ElbRuleCondition Condition(XElement c)
        {
            var field = Str(c, "Field");
            var config = Child(c, "HttpHeaderConfig") ?? Child(c, "PathPatternConfig") ?? Child(c, "HostHeaderConfig");
            var values = Strings(config, "Values");
            return new ElbRuleCondition
            {
                Field = field,
                HttpHeaderName = Str(Child(c, "HttpHeaderConfig"), "HttpHeaderName"),
                Values = values.Count > 0 ? values : Strings(c, "Values"),
            };
        }

        public static ElbLoadBalancer LoadBalancer(XElement x) => new ElbLoadBalancer
        {
            LoadBalancerArn = Str(x, "LoadBalancerArn") ?? "",
            LoadBalancerName = Str(x, "LoadBalancerName"),
            DnsName = Str(x, "DNSName"),
            Scheme = Str(x, "Scheme"),
        };

        public static ElbAction Action(XElement x) => new ElbAction
        {
            Type = Str(x, "Type") ?? "",
            Order = Int(x, "Order"),
            TargetGroupArn = Str(x, "TargetGroupArn"),
            ForwardTargetGroups = Members(Child(x, "ForwardConfig"), "TargetGroups").Select(t => new ElbWeightedTargetGroup
            {
                TargetGroupArn = Str(t, "TargetGroupArn") ?? "",
                Weight = Int(t, "Weight"),
            }).ToList(),
        };
    }
}
