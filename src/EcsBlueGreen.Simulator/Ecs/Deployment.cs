using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>An entry of Service.deployments[] (ECS rolling controller).</summary>
public sealed class Deployment
{
    public required string Id { get; init; }
    public required string TaskDefinitionArn { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string ServiceRevisionArn { get; init; }
    public string Status { get; set; } = "PRIMARY";
    public int DesiredCount { get; set; }
    public int FailedTasks { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string RolloutState { get; set; } = "IN_PROGRESS";
    public string RolloutStateReason { get; set; } = "";
    public string? LaunchType { get; init; }
    public string? PlatformVersion { get; init; }
    public JsonNode? NetworkConfiguration { get; init; }
    public JsonNode? CapacityProviderStrategy { get; init; }

    /// <summary>False once the deployment has left deployments[] (fully replaced: INACTIVE).</summary>
    public bool Listed { get; set; } = true;

    /// <summary>When it last reached COMPLETED; the circuit breaker rolls back to the newest one.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the circuit breaker or a rollback request failed it.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public ServiceDeployment? ServiceDeployment { get; set; }

    /// <summary>Container name → the digest its image resolved to when the deployment started (images of the account's ECR only).</summary>
    public Dictionary<string, string> PinnedDigests { get; } = new(StringComparer.Ordinal);

    /// <summary>The min/max deadlock event is written once per deployment.</summary>
    public bool DeadlockReported { get; set; }

    /// <summary>BLUE_GREEN, LINEAR or CANARY under the ECS controller: stages, weights and hooks (null for rolling).</summary>
    public NativeRollout? Native { get; set; }

    /// <summary>Its tasks register in the alternate target groups of advancedConfiguration, not the main ones.</summary>
    public bool UsesAlternateTargetGroup { get; set; }
}
