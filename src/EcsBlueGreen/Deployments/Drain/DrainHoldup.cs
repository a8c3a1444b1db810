using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Deployments.Drain
{
    public enum DrainHoldupCause
    {
        /// <summary>Targets still draining: long-lived connections keep them past the delay.</summary>
        TargetsStillDraining,
        /// <summary>Old tasks with scale-in protection: the scheduler will not stop them.</summary>
        TaskProtection,
        /// <summary>Old tasks stuck in DEACTIVATING or STOPPING.</summary>
        TasksStuckStopping,
        /// <summary>Old tasks still running for a reason the module cannot see.</summary>
        Unknown,
    }

    /// <summary>What holds a deployment in its drain, with the tasks or targets that show it.</summary>
    public sealed class DrainHoldup
    {
        public DrainHoldupCause Cause { get; set; }
        /// <summary>The tasks (ids) or targets (id:port) the cause rests on.</summary>
        public IReadOnlyList<string> Evidence { get; set; } = Array.Empty<string>();
        public string Message { get; set; } = "";

        public override string ToString() => Message;
    }
}
