using System.Linq;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Where a native (BLUE_GREEN, LINEAR, CANARY) deployment stands, as a listing shows it: the stage,
    /// the traffic weights of the new revision and the PAUSE hook ECS holds it at, if any.
    /// </summary>
    internal static class NativeProgress
    {
        /// <summary>Sets those members on a deployment this invocation made (never on one it was given).</summary>
        public static void Describe(EcsDeployment listed, EcsService service, ServiceDeployment current)
        {
            var strategy = current.DeploymentConfiguration?.Strategy ?? service.DeploymentConfiguration.Strategy;
            listed.Strategy = strategy;
            if (!DeploymentStrategies.ShiftsTraffic(strategy))
            {
                return;
            }

            listed.LifecycleStage = current.LifecycleStage;
            listed.ProductionTrafficWeight = current.TargetProductionTrafficWeight;
            listed.TestTrafficWeight = current.TargetTestTrafficWeight;
            var waiting = current.State == ServiceDeploymentState.InProgress
                ? current.LifecycleHookDetails.LastOrDefault(h => h.IsPause && h.IsAwaitingAction)
                : null;
            listed.PendingHook = waiting == null ? null : NativeJudge.ResultOf(waiting, current, service, null);
        }
    }
}
