using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Deployments.Drain
{
    /// <summary>
    /// The drain of the replaced tasks as the wait saw it: which targets drained in which target
    /// group, the group's deregistration delay, and when it started (the "deregistered N targets"
    /// event) and ended. Times are AWS's, never the local clock's.
    /// </summary>
    public sealed class DrainPhase
    {
        /// <summary>The longest deregistration delay of the service's target groups.</summary>
        public TimeSpan? DeregistrationDelay { get; set; }

        /// <summary>The first "deregistered N targets" event of the deployment.</summary>
        public DateTimeOffset? Start { get; set; }

        /// <summary>
        /// When no target drained any more: the deployment's completion event after Start when ECS
        /// sent one, else Start + DeregistrationDelay once the targets were seen gone; null while open.
        /// </summary>
        public DateTimeOffset? End { get; set; }

        public TimeSpan? Duration => Start.HasValue && End.HasValue ? End - Start : null;

        public IReadOnlyList<DrainingTargetGroup> TargetGroups { get; set; } = Array.Empty<DrainingTargetGroup>();

        /// <summary>The target that was still draining at the last poll that saw any (the last to leave).</summary>
        public DrainingTarget? LongestDrainingTarget { get; set; }

        /// <summary>The stopTimeout of the replaced tasks' essential container (30 s when not set).</summary>
        public TimeSpan? StopTimeout { get; set; }

        /// <summary>Why the deployment stayed in its drain longer than delay + stopTimeout + margin, or did not finish.</summary>
        public DrainHoldup? Holdup { get; set; }

        /// <summary>Replaced tasks whose container was killed (exit 137) after stopTimeout because it ignored the stop signal.</summary>
        public IReadOnlyList<KilledTask> KilledAfterStopTimeout { get; set; } = Array.Empty<KilledTask>();

        public DrainPhase Copy()
        {
            var copy = (DrainPhase)MemberwiseClone();
            return copy;
        }
    }

    public sealed class DrainingTargetGroup
    {
        public string TargetGroupArn { get; set; } = "";
        public TimeSpan? DeregistrationDelay { get; set; }
        /// <summary>Every target seen draining, as id:port.</summary>
        public IReadOnlyList<string> DrainingTargets { get; set; } = Array.Empty<string>();
    }

    public sealed class DrainingTarget
    {
        public string TargetGroupArn { get; set; } = "";
        public string Id { get; set; } = "";
        public int? Port { get; set; }

        public override string ToString() => Port.HasValue ? $"{Id}:{Port}" : Id;
    }

    /// <summary>A replaced task that did not stop within stopTimeout after SIGTERM.</summary>
    public sealed class KilledTask
    {
        public string TaskId { get; set; } = "";
        public string Container { get; set; } = "";
        public int ExitCode { get; set; }
        public TimeSpan StopTimeout { get; set; }

        public override string ToString() =>
            $"task {TaskId} ({Container}) did not stop within stopTimeout of {StopTimeout.TotalSeconds:0} s after SIGTERM and was killed (exit code {ExitCode})";
    }
}
