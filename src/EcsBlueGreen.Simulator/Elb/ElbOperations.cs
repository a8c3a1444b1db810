using System.Globalization;
using System.Xml;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Elb;

/// <summary>The ELBv2 operations the simulator answers, each writing the inside of its &lt;OpResult&gt;.</summary>
public static class ElbOperations
{
    public static readonly IReadOnlyDictionary<string, QueryOperation> All = new Dictionary<string, QueryOperation>
    {
        ["DescribeTargetGroups"] = DescribeTargetGroups,
        ["DescribeTargetGroupAttributes"] = DescribeTargetGroupAttributes,
        ["ModifyTargetGroupAttributes"] = ModifyTargetGroupAttributes,
        ["DescribeTargetHealth"] = DescribeTargetHealth,
        ["DescribeLoadBalancers"] = DescribeLoadBalancers,
        ["DescribeListeners"] = DescribeListeners,
        ["DescribeRules"] = DescribeRules,
    };

    private static AwsException TargetGroupNotFound(string what) =>
        new("TargetGroupNotFoundException", $"One or more target groups not found: {what}", 400, "TargetGroupNotFound");

    private static void DescribeTargetGroups(OperationContext ctx, QueryInput input, XmlWriter w)
    {
        var elb = ctx.World.Elb;
        IEnumerable<TargetGroup> groups = elb.TargetGroups;
        var arns = input.List("TargetGroupArns");
        var names = input.List("Names");
        if (arns.Count > 0)
            groups = arns.Select(a => elb.FindTargetGroup(a) ?? throw TargetGroupNotFound($"'{a}'")).ToList();
        else if (names.Count > 0)
            groups = names.Select(n => elb.TargetGroups.FirstOrDefault(g => g.Name == n) ?? throw TargetGroupNotFound($"'{n}'")).ToList();
        if (input.Get("LoadBalancerArn") is { } lbArn)
        {
            if (elb.LoadBalancers.All(l => l.Arn != lbArn))
                throw new AwsException("LoadBalancerNotFoundException", $"Load balancers '[{lbArn}]' not found", 400, "LoadBalancerNotFound");
            groups = groups.Where(g => g.LoadBalancerArns.Contains(lbArn));
        }
        w.WriteStartElement("TargetGroups");
        foreach (var g in groups)
        {
            w.WriteStartElement("member");
            w.WriteElementString("TargetGroupArn", g.Arn);
            w.WriteElementString("TargetGroupName", g.Name);
            w.WriteElementString("Protocol", g.Protocol);
            Int(w, "Port", g.Port);
            w.WriteElementString("VpcId", g.VpcId);
            w.WriteElementString("HealthCheckProtocol", g.HealthCheckProtocol);
            w.WriteElementString("HealthCheckPort", g.HealthCheckPort);
            w.WriteElementString("HealthCheckEnabled", "true");
            Int(w, "HealthCheckIntervalSeconds", g.HealthCheckIntervalSeconds);
            Int(w, "HealthCheckTimeoutSeconds", g.HealthCheckTimeoutSeconds);
            Int(w, "HealthyThresholdCount", g.HealthyThresholdCount);
            Int(w, "UnhealthyThresholdCount", g.UnhealthyThresholdCount);
            w.WriteElementString("HealthCheckPath", g.HealthCheckPath);
            w.WriteStartElement("Matcher");
            w.WriteElementString("HttpCode", g.Matcher);
            w.WriteEndElement();
            w.WriteStartElement("LoadBalancerArns");
            foreach (var lb in g.LoadBalancerArns) w.WriteElementString("member", lb);
            w.WriteEndElement();
            w.WriteElementString("TargetType", g.TargetType);
            w.WriteElementString("ProtocolVersion", "HTTP1");
            w.WriteElementString("IpAddressType", "ipv4");
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static TargetGroup RequiredGroup(OperationContext ctx, QueryInput input)
    {
        var arn = input.Required("TargetGroupArn");
        return ctx.World.Elb.FindTargetGroup(arn) ?? throw TargetGroupNotFound($"'{arn}'");
    }

    private static void DescribeTargetGroupAttributes(OperationContext ctx, QueryInput input, XmlWriter w) =>
        WriteAttributes(w, RequiredGroup(ctx, input));

    private static void ModifyTargetGroupAttributes(OperationContext ctx, QueryInput input, XmlWriter w)
    {
        var group = RequiredGroup(ctx, input);
        foreach (var i in input.StructureIndexes("Attributes"))
        {
            var key = input.Get($"Attributes.member.{i}.Key");
            var value = input.Get($"Attributes.member.{i}.Value");
            if (key == "deregistration_delay.timeout_seconds")
            {
                if (!int.TryParse(value, out var seconds) || seconds is < 0 or > 3600)
                    throw new AwsException("ValidationError", "'deregistration_delay.timeout_seconds' must be a number between 0 and 3600", 400, "ValidationError");
                group.DeregistrationDelaySeconds = seconds;
            }
        }
        WriteAttributes(w, group);
    }

    private static void WriteAttributes(XmlWriter w, TargetGroup group)
    {
        var attributes = new (string, string)[]
        {
            ("deregistration_delay.timeout_seconds", group.DeregistrationDelaySeconds.ToString(CultureInfo.InvariantCulture)),
            ("stickiness.enabled", "false"),
            ("stickiness.type", "lb_cookie"),
            ("load_balancing.algorithm.type", "round_robin"),
            ("slow_start.duration_seconds", "0"),
        };
        w.WriteStartElement("Attributes");
        foreach (var (k, v) in attributes)
        {
            w.WriteStartElement("member");
            w.WriteElementString("Key", k);
            w.WriteElementString("Value", v);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void DescribeTargetHealth(OperationContext ctx, QueryInput input, XmlWriter w)
    {
        var group = RequiredGroup(ctx, input);
        var asked = input.StructureIndexes("Targets")
            .Select(i => (Id: input.Get($"Targets.member.{i}.Id") ?? "", Port: input.Get($"Targets.member.{i}.Port")))
            .ToList();
        w.WriteStartElement("TargetHealthDescriptions");
        if (asked.Count == 0)
        {
            foreach (var t in group.Targets) WriteTargetHealth(w, ctx.World, t.Id, t.Port, t.State, t.Reason, t.Description);
        }
        else
        {
            foreach (var (id, portText) in asked)
            {
                var port = portText != null ? int.Parse(portText, CultureInfo.InvariantCulture) : group.Port;
                var t = group.Targets.LastOrDefault(x => x.Id == id && x.Port == port);
                if (t != null) WriteTargetHealth(w, ctx.World, t.Id, t.Port, t.State, t.Reason, t.Description);
                else WriteTargetHealth(w, ctx.World, id, port, "unused", "Target.NotRegistered", "Target is not registered to the target group");
            }
        }
        w.WriteEndElement();
    }

    private static void WriteTargetHealth(XmlWriter w, World world, string id, int port, string state, string? reason, string? description)
    {
        w.WriteStartElement("member");
        w.WriteStartElement("Target");
        w.WriteElementString("Id", id);
        Int(w, "Port", port);
        w.WriteElementString("AvailabilityZone", world.Region + "a");
        w.WriteEndElement();
        w.WriteElementString("HealthCheckPort", port.ToString(CultureInfo.InvariantCulture));
        w.WriteStartElement("TargetHealth");
        w.WriteElementString("State", state);
        if (reason != null) w.WriteElementString("Reason", reason);
        if (description != null) w.WriteElementString("Description", description);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void DescribeLoadBalancers(OperationContext ctx, QueryInput input, XmlWriter w)
    {
        var elb = ctx.World.Elb;
        IEnumerable<LoadBalancer> lbs = elb.LoadBalancers;
        var arns = input.List("LoadBalancerArns");
        var names = input.List("Names");
        AwsException NotFound(string what) => new("LoadBalancerNotFoundException", $"Load balancers '[{what}]' not found", 400, "LoadBalancerNotFound");
        if (arns.Count > 0) lbs = arns.Select(a => elb.LoadBalancers.FirstOrDefault(l => l.Arn == a) ?? throw NotFound(a)).ToList();
        else if (names.Count > 0) lbs = names.Select(n => elb.LoadBalancers.FirstOrDefault(l => l.Name == n) ?? throw NotFound(n)).ToList();
        w.WriteStartElement("LoadBalancers");
        foreach (var lb in lbs)
        {
            w.WriteStartElement("member");
            w.WriteElementString("LoadBalancerArn", lb.Arn);
            w.WriteElementString("DNSName", lb.DnsName);
            w.WriteElementString("CanonicalHostedZoneId", lb.CanonicalHostedZoneId);
            w.WriteElementString("CreatedTime", SimClock.ToIso(lb.CreatedAt));
            w.WriteElementString("LoadBalancerName", lb.Name);
            w.WriteElementString("Scheme", lb.Scheme);
            w.WriteElementString("VpcId", lb.VpcId);
            w.WriteStartElement("State");
            w.WriteElementString("Code", "active");
            w.WriteEndElement();
            w.WriteElementString("Type", lb.Type);
            w.WriteStartElement("AvailabilityZones");
            foreach (var (zone, subnet) in lb.AvailabilityZones)
            {
                w.WriteStartElement("member");
                w.WriteElementString("ZoneName", zone);
                w.WriteElementString("SubnetId", subnet);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteStartElement("SecurityGroups");
            foreach (var sg in lb.SecurityGroups) w.WriteElementString("member", sg);
            w.WriteEndElement();
            w.WriteElementString("IpAddressType", "ipv4");
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void DescribeListeners(OperationContext ctx, QueryInput input, XmlWriter w)
    {
        var elb = ctx.World.Elb;
        var arns = input.List("ListenerArns");
        var lbArn = input.Get("LoadBalancerArn");
        if (arns.Count == 0 && lbArn == null)
            throw new AwsException("ValidationError", "You must specify either listener ARNs or a load balancer ARN", 400, "ValidationError");
        if (lbArn != null && elb.LoadBalancers.All(l => l.Arn != lbArn))
            throw new AwsException("LoadBalancerNotFoundException", $"Load balancers '[{lbArn}]' not found", 400, "LoadBalancerNotFound");
        var listeners = arns.Count > 0
            ? arns.Select(a => elb.Listeners.FirstOrDefault(l => l.Arn == a) ?? throw new AwsException("ListenerNotFoundException", "One or more listeners not found", 400, "ListenerNotFound")).ToList()
            : elb.Listeners.Where(l => l.LoadBalancerArn == lbArn).ToList();
        w.WriteStartElement("Listeners");
        foreach (var l in listeners)
        {
            w.WriteStartElement("member");
            w.WriteElementString("ListenerArn", l.Arn);
            w.WriteElementString("LoadBalancerArn", l.LoadBalancerArn);
            Int(w, "Port", l.Port);
            w.WriteElementString("Protocol", l.Protocol);
            w.WriteStartElement("DefaultActions");
            // The default rule is the listener's default action: ECS moves its weights when it is a production rule.
            if (elb.Rules.FirstOrDefault(r => r.ListenerArn == l.Arn && r.IsDefault) is { } defaultRule) WriteAction(w, defaultRule);
            else WriteForward(w, new[] { (l.DefaultTargetGroupArn, 1) });
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void DescribeRules(OperationContext ctx, QueryInput input, XmlWriter w)
    {
        var elb = ctx.World.Elb;
        var arns = input.List("RuleArns");
        var listenerArn = input.Get("ListenerArn");
        if (arns.Count == 0 && listenerArn == null)
            throw new AwsException("ValidationError", "You must specify either listener ARN or rule ARNs", 400, "ValidationError");
        if (listenerArn != null && elb.Listeners.All(l => l.Arn != listenerArn))
            throw new AwsException("ListenerNotFoundException", "One or more listeners not found", 400, "ListenerNotFound");
        var rules = arns.Count > 0
            ? arns.Select(a => elb.Rules.FirstOrDefault(r => r.Arn == a) ?? throw new AwsException("RuleNotFoundException", "One or more rules not found", 400, "RuleNotFound")).ToList()
            : elb.Rules.Where(r => r.ListenerArn == listenerArn).ToList();
        w.WriteStartElement("Rules");
        foreach (var r in rules)
        {
            w.WriteStartElement("member");
            w.WriteElementString("RuleArn", r.Arn);
            w.WriteElementString("Priority", r.Priority);
            w.WriteStartElement("Conditions");
            foreach (var (field, values) in r.Conditions)
            {
                w.WriteStartElement("member");
                w.WriteElementString("Field", field);
                w.WriteStartElement("Values");
                foreach (var v in values) w.WriteElementString("member", v);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            foreach (var (name, values) in r.HeaderConditions)
            {
                w.WriteStartElement("member");
                w.WriteElementString("Field", "http-header");
                w.WriteStartElement("HttpHeaderConfig");
                w.WriteElementString("HttpHeaderName", name);
                w.WriteStartElement("Values");
                foreach (var v in values) w.WriteElementString("member", v);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteStartElement("Actions");
            WriteAction(w, r);
            w.WriteEndElement();
            w.WriteElementString("IsDefault", r.IsDefault ? "true" : "false");
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteAction(XmlWriter w, ListenerRule rule)
    {
        if (rule.FixedResponseStatus is not { } status)
        {
            WriteForward(w, rule.ForwardTo);
            return;
        }
        w.WriteStartElement("member");
        w.WriteElementString("Type", "fixed-response");
        w.WriteStartElement("FixedResponseConfig");
        w.WriteElementString("StatusCode", status.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("ContentType", "text/plain");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteForward(XmlWriter w, IReadOnlyList<(string TargetGroupArn, int Weight)> groups)
    {
        w.WriteStartElement("member");
        w.WriteElementString("Type", "forward");
        if (groups.Count == 1) w.WriteElementString("TargetGroupArn", groups[0].TargetGroupArn);
        w.WriteStartElement("ForwardConfig");
        w.WriteStartElement("TargetGroups");
        foreach (var (arn, weight) in groups)
        {
            w.WriteStartElement("member");
            w.WriteElementString("TargetGroupArn", arn);
            Int(w, "Weight", weight);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteStartElement("TargetGroupStickinessConfig");
        w.WriteElementString("Enabled", "false");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Int(XmlWriter w, string name, int value) => w.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));
}
