using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Deployments.Hooks
{
    /// <summary>
    /// The stages of a -Hook table: PowerShell or ECS spelling, each a stage a PAUSE hook can wait at
    /// (ECS refuses PAUSE at TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT, so a check there could
    /// never run), each once. Checked before the wait starts.
    /// </summary>
    public static class HookStageKeys
    {
        /// <returns>Each key's stage in ECS spelling, in the order given.</returns>
        public static IReadOnlyList<string> Normalize(IEnumerable<string> keys)
        {
            var stages = new List<string>();
            foreach (var key in keys)
            {
                var stage = LifecycleStages.NormalizeHookStage(key);
                if (stage == null || LifecycleStages.LambdaOnly.Contains(stage))
                {
                    var pausable = string.Join(", ", LifecycleStages.Hookable.Except(LifecycleStages.LambdaOnly).Select(LifecycleStages.ToPascalCase));
                    throw new EcsBlueGreenException(ErrorIds.InvalidHook, stage == null
                        ? $"-Hook key '{key}' names no lifecycle hook stage; use one of {pausable}."
                        : $"-Hook key '{key}': ECS takes no PAUSE hook at {stage} (Lambda hooks only), so a check there could never run; use one of {pausable}.");
                }

                if (stages.Contains(stage))
                {
                    throw new EcsBlueGreenException(ErrorIds.InvalidHook, $"-Hook names {stage} twice ('{key}' is another spelling of it); give one check per stage.");
                }

                stages.Add(stage);
            }

            return stages;
        }
    }
}
