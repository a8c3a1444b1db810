using System;
using System.Collections.Generic;
using System.Linq;

namespace EcsBlueGreen.Deployments
{
    /// <summary>A stopped task of a deployment, with why it stopped.</summary>
    public sealed class StoppedTaskInfo
    {
        public string TaskId { get; set; } = "";
        public string TaskArn { get; set; } = "";
        public string? StoppedReason { get; set; }
        public string? StopCode { get; set; }
        public DateTimeOffset? StoppedAt { get; set; }
        public IReadOnlyList<ContainerExit> Containers { get; set; } = Array.Empty<ContainerExit>();

        /// <summary>Stopped because it failed (not because the scheduler replaced a healthy task).</summary>
        public bool IsFailure =>
            StopCode == "TaskFailedToStart" || StopCode == "EssentialContainerExited" ||
            (StoppedReason != null && (StoppedReason.IndexOf("health check", StringComparison.OrdinalIgnoreCase) >= 0 ||
                                       StoppedReason.StartsWith("CannotPullContainerError", StringComparison.Ordinal) ||
                                       StoppedReason.StartsWith("ResourceInitializationError", StringComparison.Ordinal)));

        public override string ToString()
        {
            var exits = string.Join(", ", Containers.Where(c => c.ExitCode.HasValue || c.Reason != null).Select(c => c.ToString()));
            return $"task {TaskId}: {StoppedReason ?? "(no reason)"}{(StopCode == null ? "" : $" [{StopCode}]")}{(exits.Length == 0 ? "" : $" ({exits})")}";
        }
    }

    public sealed class ContainerExit
    {
        public string Name { get; set; } = "";
        public int? ExitCode { get; set; }
        public string? Reason { get; set; }

        public override string ToString() =>
            $"{Name}{(ExitCode.HasValue ? $" exit code {ExitCode}" : "")}{(Reason == null ? "" : $": {Reason}")}";
    }

    /// <summary>How close the circuit breaker is to tripping.</summary>
    public sealed class CircuitBreakerState
    {
        public bool Enabled { get; set; }
        public bool Rollback { get; set; }
        public int FailureCount { get; set; }
        public int Threshold { get; set; }
        /// <summary>TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED when the service-deployments API answers.</summary>
        public string? Status { get; set; }

        /// <summary>ECS's default threshold: ceil(0.5 × desired), clamped to 3..200.</summary>
        public static int DefaultThreshold(int desiredCount) =>
            Math.Min(200, Math.Max(3, (int)Math.Ceiling(desiredCount * 0.5)));

        public override string ToString() =>
            Enabled ? $"{FailureCount}/{Threshold}{(Rollback ? " (rollback on)" : " (rollback off)")}" : "off";
    }

    /// <summary>A service event seen while waiting.</summary>
    public sealed class ServiceEventRecord
    {
        public DateTimeOffset CreatedAt { get; set; }
        public string Message { get; set; } = "";

        public override string ToString() => $"{CreatedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z {Message}";
    }
}
