namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// Timings and choices ECS does not publish, so the simulator picks plausible ones (docs/simulator.md).
/// Every one is a setting so a test or a scenario can move it.
/// </summary>
public sealed class EngineSettings
{
    /// <summary>Simulated seconds per engine step; every state change happens on a step.</summary>
    public double StepSeconds { get; set; } = 1;

    public double ProvisioningSeconds { get; set; } = 5;
    public double PullSeconds { get; set; } = 10;
    public double ActivatingSeconds { get; set; } = 2;
    public double StoppingSeconds { get; set; } = 5;
    public double DeprovisioningSeconds { get; set; } = 10;

    /// <summary>Without a load balancer a task counts as healthy this long after RUNNING (ECS docs: 40 s).</summary>
    public double HealthyWithoutLoadBalancerSeconds { get; set; } = 40;

    /// <summary>
    /// A task that stops by itself before it was ever healthy counts as a circuit-breaker failure,
    /// as a crash-looping container trips the breaker on ECS.
    /// </summary>
    public bool CountExitBeforeHealthyAsFailure { get; set; } = true;

    /// <summary>Draining tasks keep their slot toward maximumPercent until they stop.</summary>
    public bool DrainingTasksOccupySlot { get; set; } = true;

    /// <summary>
    /// A FAILED deployment stays in deployments[] at least this long, so a client polling every 15 s
    /// sees the failure before the rollback completes (ECS takes tens of seconds to reconcile).
    /// </summary>
    public double FailedDeploymentVisibleSeconds { get; set; } = 30;

    /// <summary>Stopped tasks stay visible to ListTasks/DescribeTasks this long (ECS: at least an hour).</summary>
    public double StoppedTaskRetentionSeconds { get; set; } = 3600;

    /// <summary>Service events returned by DescribeServices (ECS: the 100 newest).</summary>
    public int MaxEvents { get; set; } = 100;
}
