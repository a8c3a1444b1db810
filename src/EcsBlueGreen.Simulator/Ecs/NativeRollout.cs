namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>
/// The state of one BLUE_GREEN, LINEAR or CANARY deployment under the ECS controller: the lifecycle stage,
/// the traffic weights the new (green) revision has been given, the production steps still to come and
/// every lifecycle hook run so far. Blue is what served production when the deployment started.
/// </summary>
public sealed class NativeRollout
{
    public required string Strategy { get; init; }

    /// <summary>Cumulative production weights of green, one per production shift (BLUE_GREEN: just 100).</summary>
    public required IReadOnlyList<double> ProductionSteps { get; init; }

    /// <summary>Seconds both revisions run between two production steps (linear/canary step bake).</summary>
    public required double StepBakeSeconds { get; init; }

    /// <summary>Seconds of BAKE_TIME after the whole production shift.</summary>
    public required double BakeSeconds { get; init; }

    public required IReadOnlyList<LifecycleHook> Hooks { get; init; }

    /// <summary>Per load balancer of the service: the group blue serves from, the green one, and the rules ECS moves.</summary>
    public required IReadOnlyList<TrafficRoute> Routes { get; init; }

    public required bool ReconcileFirst { get; init; }

    public IReadOnlyList<string> AlarmNames { get; init; } = Array.Empty<string>();
    public bool AlarmRollback { get; init; }

    public string? Stage { get; set; }
    public DateTimeOffset StageEnteredAt { get; set; }

    /// <summary>Index into <see cref="ProductionSteps"/> of the current (or next) production shift.</summary>
    public int StepIndex { get; set; }

    public double ProductionWeight { get; set; }
    public double TestWeight { get; set; }

    public List<HookRun> Runs { get; } = new();

    /// <summary>Stage and the moment it was entered, in order (a linear deployment repeats the shift stages).</summary>
    public List<(string Stage, DateTimeOffset EnteredAt)> Timeline { get; } = new();

    public List<string> TriggeredAlarms { get; } = new();

    /// <summary>True once the deployment finished or was rolled back or stopped: the rolling scheduler takes over again.</summary>
    public bool Done { get; set; }
}

/// <summary>deploymentConfiguration.lifecycleHooks[] entry, parsed.</summary>
public sealed record LifecycleHook(string TargetType, string TargetArn, IReadOnlyList<string> Stages, double TimeoutMinutes, string TimeoutAction);

/// <summary>A load balancer of the service during a native deployment: blue's and green's target groups and the rules ECS re-weights.</summary>
public sealed record TrafficRoute(string BlueGroupArn, string GreenGroupArn, string ProductionRuleArn, string? TestRuleArn);

/// <summary>One hook invocation at one stage (lifecycleHookDetails[]).</summary>
public sealed class HookRun
{
    public required string HookId { get; init; }
    public required LifecycleHook Hook { get; init; }
    public required string Stage { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string Status { get; set; } = "IN_PROGRESS";
    public int Invocations { get; set; }
    public DateTimeOffset NextInvocationAt { get; set; }

    public bool IsPending => Status is "IN_PROGRESS" or "AWAITING_ACTION";
}
