namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>The read-only record of the service deployments API (List/DescribeServiceDeployments):
/// one per deployment that CreateService or UpdateService starts, with its status and rollback details.</summary>
public sealed class ServiceDeployment
{
    public required string Id { get; init; }
    public required string Arn { get; init; }
    public required Deployment Target { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Deployments that had tasks when this one was created (its source revisions).</summary>
    public required IReadOnlyList<Deployment> Sources { get; init; }

    /// <summary>deploymentConfiguration as it was when the deployment started.</summary>
    public required System.Text.Json.Nodes.JsonObject DeploymentConfiguration { get; init; }

    public string Status { get; set; } = "PENDING";
    public string? StatusReason { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }

    public string CircuitBreakerStatus { get; set; } = "MONITORING";
    public int CircuitBreakerThreshold { get; set; }

    public string? RollbackReason { get; set; }
    public DateTimeOffset? RollbackStartedAt { get; set; }
    public string? RollbackRevisionArn { get; set; }

    public static readonly string[] Completed = { "SUCCESSFUL", "STOPPED", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED" };

    public bool IsCompleted => Completed.Contains(Status);
}
