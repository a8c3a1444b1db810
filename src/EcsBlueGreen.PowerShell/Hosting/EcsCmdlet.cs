using System;
using System.Management.Automation;
using EcsBlueGreen.Deployments;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>Base of the deployment cmdlets: ECS clients per connection, and errors written the same way.</summary>
    public abstract class EcsCmdlet : AwsCmdlet
    {
        private EcsClientCache? _clients;

        /// <summary>This invocation's sessions and ECS clients, ended with the invocation (see Dispose).</summary>
        internal EcsClientCache Clients => _clients ??= new EcsClientCache(GetConnectionOptions, ResolveSession);

        /// <summary>This invocation's fallback from the service-deployments API: one warning per invocation.</summary>
        internal ServiceDeploymentsFallback Fallback { get; } = new ServiceDeploymentsFallback();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _clients?.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>Writes a non-terminating error for one item; the rest of the pipeline goes on.</summary>
        protected void WriteFailure(Exception ex, object? target)
        {
            WriteError(ErrorCatalog.For(ex, target));
        }

        /// <summary>Runs core work for one item; its failure becomes that item's error.</summary>
        protected bool TryRun<T>(Func<EcsBlueGreen.Reporting.IReporter, System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> work, object? target, out T result)
        {
            try
            {
                result = RunAsync(work);
                return true;
            }
            catch (CoreFailureException ex)
            {
                WriteFailure(ex.Failure, target);
                result = default!;
                return false;
            }
        }

        /// <summary>The service's deployments (PRIMARY first), stamped with this invocation's connection.</summary>
        /// <param name="within">Bounds the lookup's calls (a wait's -Timeout); null: unbounded.</param>
        protected bool TryGetDeployments(string cluster, string service, bool includeHistory, out System.Collections.Generic.IReadOnlyList<EcsDeployment> deployments,
            TimeoutBudget? within = null)
        {
            var ecs = Clients.For(Connection).Ecs;
            if (!TryRun((reporter, token) => within == null
                    ? new DeploymentHistory(ecs, reporter, Fallback).GetAsync(cluster, service, includeHistory, token)
                    : within.RunAsync($"for {cluster}/{service}", t => new DeploymentHistory(ecs, reporter, Fallback).GetAsync(cluster, service, includeHistory, t), token),
                $"{cluster}/{service}", out deployments))
            {
                return false;
            }

            foreach (var deployment in deployments)
            {
                // Fresh objects of this invocation: stamped and worded before anyone sees them.
                Clients.Attach(deployment, Connection);
                if (deployment.Verdict != null && deployment.Verdict.IsTerminal)
                {
                    deployment.StatusReason = VerdictText.Reason(deployment);
                }
            }

            return true;
        }

        protected static string Target(EcsDeployment deployment) => $"{deployment.Cluster}/{deployment.Service}";
    }
}
