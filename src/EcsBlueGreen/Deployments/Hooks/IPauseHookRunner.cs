using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Deployments.Hooks
{
    /// <summary>
    /// Runs the user's own check when ECS pauses a deployment at a hook stage (the PowerShell layer runs
    /// a scriptblock on the pipeline thread). The wait answers ECS with the decision.
    /// </summary>
    public interface IPauseHookRunner
    {
        /// <summary>Whether there is a check for this hook stage (ECS spelling, e.g. POST_TEST_TRAFFIC_SHIFT).</summary>
        bool HasCheckFor(string stage);

        /// <summary>
        /// Runs the check with a snapshot of the deployment (stage, weights, TestEndpoint, step). A check
        /// that fails is a ROLLBACK decision, not an exception; only cancellation (Ctrl+C) is thrown.
        /// </summary>
        Task<HookDecision> RunAsync(string stage, EcsDeployment deployment, CancellationToken cancellationToken);
    }
}
