using System;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.NetFramework.Deployments
{
    /// <summary>The host's only use of the deployment watcher: wait for one deployment's verdict.
    /// Kept to this file so a change of the watcher's API is adapted in one place.</summary>
    internal static class DeploymentWatch
    {
        /// <summary>Polls every 100 ms of real time; the verdict comes from the simulator's clock (60x).
        /// The timeout only stops a broken run.</summary>
        public static async Task<EcsDeployment> UntilVerdictAsync(IEcsApi ecs, EcsDeployment deployment, IReporter reporter, CancellationToken cancellationToken)
        {
            var options = new WaitOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMinutes(2) };
            var results = await new DeploymentWatcher(_ => ecs, reporter).WaitAsync(new[] { deployment }, options, cancellationToken).ConfigureAwait(false);
            return results[0];
        }
    }
}
