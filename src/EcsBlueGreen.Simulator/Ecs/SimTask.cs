namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>A task and its lifecycle state (PROVISIONING through STOPPED, see docs/simulator.md).</summary>
public sealed class SimTask
{
    public required string Id { get; init; }
    public required string Arn { get; init; }
    public required string ClusterArn { get; init; }
    public required TaskDefinition TaskDefinition { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string PrivateIp { get; init; }
    public required AppBehaviour Behaviour { get; init; }
    public required List<SimContainer> Containers { get; init; }

    public Service? Service { get; init; }
    public Deployment? Deployment { get; init; }
    public string? StartedBy { get; init; }
    public string? Group { get; init; }
    public string? LaunchType { get; init; }

    /// <summary>The capacity provider the task was placed with (FARGATE, FARGATE_SPOT), when the service uses a strategy.</summary>
    public string? CapacityProviderName { get; init; }

    /// <summary>Seconds between the stop signal and SIGKILL: the essential container's stopTimeout, else 30.</summary>
    public int StopTimeoutSeconds { get; init; } = 30;

    /// <summary>Scale-in protection (UpdateTaskProtection): the scheduler does not stop the task before this time.</summary>
    public DateTimeOffset? ProtectedUntil { get; set; }

    public string LastStatus { get; set; } = "PROVISIONING";
    public string DesiredStatus { get; set; } = "RUNNING";
    public DateTimeOffset StateEnteredAt { get; set; }
    public long Version { get; set; } = 1;

    public DateTimeOffset? PullStartedAt { get; set; }
    public DateTimeOffset? PullStoppedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? StoppingAt { get; set; }
    public DateTimeOffset? ExecutionStoppedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public string? StopCode { get; set; }
    public string? StoppedReason { get; set; }

    /// <summary>Set the first time the task counts as healthy (for the circuit breaker and min healthy percent).</summary>
    public bool EverHealthy { get; set; }

    /// <summary>Set when the pull failed: the task goes straight to STOPPED without running.</summary>
    public string? PullError { get; set; }

    public bool IsStopped => LastStatus == "STOPPED";

    /// <summary>Occupies a slot toward maximumPercent: not yet on its way out of the cluster.</summary>
    public bool IsInFlight => LastStatus is "PROVISIONING" or "PENDING" or "ACTIVATING" or "RUNNING" or "DEACTIVATING";

    public bool IsPending => LastStatus is "PROVISIONING" or "PENDING" or "ACTIVATING";

    public bool WantsToRun => DesiredStatus == "RUNNING";

    public bool IsProtected(DateTimeOffset now) => ProtectedUntil is { } until && now < until;

    public void Enter(string status, DateTimeOffset now)
    {
        LastStatus = status;
        StateEnteredAt = now;
        Version++;
    }
}

public sealed class SimContainer
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required bool Essential { get; init; }
    public string RuntimeId { get; init; } = "";
    public string? ImageDigest { get; set; }
    public string LastStatus { get; set; } = "PENDING";
    public int? ExitCode { get; set; }
    public string? Reason { get; set; }
    public IReadOnlyList<(int ContainerPort, string Protocol)> Ports { get; init; } = Array.Empty<(int, string)>();
}

/// <summary>
/// What the application in a task does, read from SIM_ variables in the image labels or the
/// container environment (environment wins). There is no Docker; this stands in for the app.
/// </summary>
/// <param name="AppStatus">The HTTP status the application answers listener traffic with (SIM_APP_STATUS): a release whose
/// health-check path passes while its real answers fail, which only a test of real traffic catches.</param>
public sealed record AppBehaviour(int? ExitCode, double ExitAfterSeconds, bool Unhealthy, double StartSeconds, bool IgnoresStopSignal = false, int AppStatus = 200)
{
    public static readonly AppBehaviour Healthy = new(null, 0, false, 0);

    public static AppBehaviour From(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var e) ? e : labels.TryGetValue(name, out var l) ? l : null;
        static double Seconds(string? s) => double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        int? exit = int.TryParse(Get("SIM_EXIT_CODE"), out var code) ? code : null;
        return new AppBehaviour(
            exit,
            Seconds(Get("SIM_EXIT_AFTER_SECONDS")),
            string.Equals(Get("SIM_HEALTH"), "unhealthy", StringComparison.OrdinalIgnoreCase),
            Seconds(Get("SIM_START_SECONDS")),
            string.Equals(Get("SIM_IGNORE_SIGTERM"), "true", StringComparison.OrdinalIgnoreCase),
            int.TryParse(Get("SIM_APP_STATUS"), out var status) && status >= 100 && status <= 599 ? status : 200);
    }
}
