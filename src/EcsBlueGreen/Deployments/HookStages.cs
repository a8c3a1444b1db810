using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// The stage a hook run belongs to. lifecycleHookDetails carry no stage, so it comes from the
    /// configured hooks and the stage ECS reports; a PRE_PRODUCTION_TRAFFIC_SHIFT hook runs while ECS
    /// already reports PRODUCTION_TRAFFIC_SHIFT (with the weight not yet moved).
    /// </summary>
    public static class HookStages
    {
        public static string? StageOf(LifecycleHookDetail run, string? reportedStage, IReadOnlyList<DeploymentLifecycleHook> configured)
        {
            var stages = configured
                .Where(h => h.TargetType == run.TargetType && (run.TargetArn == null || h.HookTargetArn == null || h.HookTargetArn == run.TargetArn))
                .SelectMany(h => h.LifecycleStages.Select(s => LifecycleStages.NormalizeHookStage(s) ?? s))
                .Distinct()
                .ToList();
            if (reportedStage == LifecycleStages.ProductionTrafficShift && stages.Contains(LifecycleStages.PreProductionTrafficShift))
            {
                // ECS refuses PAUSE at PRODUCTION_TRAFFIC_SHIFT, so a paused run there is the one before the shift.
                return run.IsPause || !stages.Contains(LifecycleStages.ProductionTrafficShift)
                    ? LifecycleStages.PreProductionTrafficShift
                    : LifecycleStages.ProductionTrafficShift;
            }

            if (reportedStage != null && stages.Contains(reportedStage))
            {
                return reportedStage;
            }

            return stages.Count == 1 ? stages[0] : null;
        }
    }
}
