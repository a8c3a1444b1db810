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

        internal const string EssentialContainerExited = "EssentialContainerExited";
        internal const string TaskFailedToStart = "TaskFailedToStart";

        /// <summary>Stopped because it failed (not because the scheduler replaced a healthy task).</summary>
        public bool IsFailure =>
            StopCode == TaskFailedToStart || StopCode == EssentialContainerExited || IsImagePullFailure ||
            (StoppedReason != null && (StoppedReason.IndexOf("health check", StringComparison.OrdinalIgnoreCase) >= 0 ||
                                       StoppedReason.StartsWith("ResourceInitializationError", StringComparison.Ordinal)));

        /// <summary>The image could not be pulled: retrying will not fix it.</summary>
        public bool IsImagePullFailure => StoppedReason != null && StoppedReason.StartsWith("CannotPullContainerError", StringComparison.Ordinal);

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
}
