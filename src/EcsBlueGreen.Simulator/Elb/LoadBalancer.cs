namespace EcsBlueGreen.Simulator.Elb;

public sealed class LoadBalancer
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Type { get; set; } = "application";
    public string Scheme { get; set; } = "internet-facing";
    public string VpcId { get; set; } = "vpc-0a1b2c3d4e5f67890";
    public string DnsName { get; set; } = "";
    public string CanonicalHostedZoneId { get; set; } = "ZHURV8PSTC4K8";
    public List<string> SecurityGroups { get; } = new() { "sg-0123456789abcdef0" };
    public List<(string Zone, string Subnet)> AvailabilityZones { get; } = new();
}

public sealed class Listener
{
    public required string Arn { get; init; }
    public required string LoadBalancerArn { get; init; }
    public int Port { get; set; } = 80;
    public string Protocol { get; set; } = "HTTP";
    public required string DefaultTargetGroupArn { get; init; }
}

public sealed class ListenerRule
{
    public required string Arn { get; init; }
    public required string ListenerArn { get; init; }
    public string Priority { get; set; } = "default";
    public bool IsDefault { get; set; } = true;
    public List<(string Field, string[] Values)> Conditions { get; } = new();
    public List<(string TargetGroupArn, int Weight)> ForwardTo { get; } = new();

    /// <summary>http-header conditions (header name, accepted values with * wildcards), as test listener rules use.</summary>
    public List<(string Name, string[] Values)> HeaderConditions { get; } = new();

    /// <summary>A fixed-response action instead of forward (status code), e.g. a test listener's default.</summary>
    public int? FixedResponseStatus { get; set; }
}

public sealed class ElbState
{
    public List<LoadBalancer> LoadBalancers { get; } = new();
    public List<TargetGroup> TargetGroups { get; } = new();
    public List<Listener> Listeners { get; } = new();
    public List<ListenerRule> Rules { get; } = new();

    public TargetGroup? FindTargetGroup(string arn) => TargetGroups.FirstOrDefault(t => t.Arn == arn);
}
