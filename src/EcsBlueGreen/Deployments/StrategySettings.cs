using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// How one deployment should shift traffic, as Start-EcsRollingDeployment was asked: every member is
    /// optional, and an unset one keeps what the service has. Times are whole minutes, as ECS counts them.
    /// </summary>
    public sealed class StrategySettings
    {
        /// <summary>Rolling, BlueGreen, Linear or Canary (ECS spelling accepted too).</summary>
        public string? Strategy { get; set; }
        public int? BakeTimeInMinutes { get; set; }
        public double? StepPercent { get; set; }
        public int? StepBakeTimeInMinutes { get; set; }
        public double? CanaryPercent { get; set; }
        public int? CanaryBakeTimeInMinutes { get; set; }
        /// <summary>Stages to add a PAUSE hook at, in either spelling.</summary>
        public IReadOnlyList<string> PauseAt { get; set; } = Array.Empty<string>();
        public int? HookTimeoutInMinutes { get; set; }
        /// <summary>Rollback or Continue; ROLLBACK when unset.</summary>
        public string? HookTimeoutAction { get; set; }

        /// <summary>True when nothing about the strategy was asked: the service's configuration is left alone.</summary>
        public bool IsEmpty =>
            Strategy == null && BakeTimeInMinutes == null && StepPercent == null && StepBakeTimeInMinutes == null
            && CanaryPercent == null && CanaryBakeTimeInMinutes == null && PauseAt.Count == 0
            && HookTimeoutInMinutes == null && HookTimeoutAction == null;
    }
}
