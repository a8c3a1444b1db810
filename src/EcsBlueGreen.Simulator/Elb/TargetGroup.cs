namespace EcsBlueGreen.Simulator.Elb;

public sealed class TargetGroup
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public string Protocol { get; set; } = "HTTP";
    public int Port { get; set; } = 8080;
    public string VpcId { get; set; } = "vpc-0a1b2c3d4e5f67890";
    public string TargetType { get; set; } = "ip";
    public string HealthCheckProtocol { get; set; } = "HTTP";
    public string HealthCheckPort { get; set; } = "traffic-port";
    public string HealthCheckPath { get; set; } = "/health";
    public int HealthCheckIntervalSeconds { get; set; } = 30;
    public int HealthCheckTimeoutSeconds { get; set; } = 5;
    public int HealthyThresholdCount { get; set; } = 2;
    public int UnhealthyThresholdCount { get; set; } = 2;
    public string Matcher { get; set; } = "200";
    public int DeregistrationDelaySeconds { get; set; } = 300;
    public List<string> LoadBalancerArns { get; } = new();

    /// <summary>Registered and draining targets; a target leaves the list when draining ends.</summary>
    public List<Target> Targets { get; } = new();
}

public sealed class Target
{
    public required string Id { get; init; }
    public required int Port { get; init; }
    public required Ecs.SimTask Task { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public string State { get; set; } = "initial";
    public string? Reason { get; set; } = "Elb.RegistrationInProgress";
    public string? Description { get; set; } = "Target registration is in progress";
    public int ConsecutiveSuccesses { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset NextCheckAt { get; set; }
    public DateTimeOffset? DrainingUntil { get; set; }
    public bool IsDraining => State == "draining";
}
