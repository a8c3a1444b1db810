using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// The service-deployments history: which task definition last succeeded before a given
    /// deployment. Null when the history is unavailable (denied, absent, or older than 2024-10-25).
    /// </summary>
    internal static class ServiceRevisionHistory
    {
        public static async Task<string?> LastSuccessfulBeforeAsync(IEcsApi ecs, EcsDeployment undone, EcsService service, IReporter reporter, ServiceDeploymentsFallback fallback, CancellationToken cancellationToken)
        {
            if (!(ecs is IServiceRevisionApi revisions))
            {
                return null;
            }

            try
            {
                var successful = await ecs.ListServiceDeploymentsAsync(undone.Cluster, service.ServiceName, new[] { ServiceDeploymentStates.ToWire(ServiceDeploymentState.Successful) }, cancellationToken).ConfigureAwait(false);
                var undoneStart = undone.StartedAt ?? DateTimeOffset.MaxValue;
                var candidates = successful
                    .Where(b => b.ServiceDeploymentArn != undone.ServiceDeploymentArn && b.TargetServiceRevisionArn != null && (b.CreatedAt ?? DateTimeOffset.MinValue) < undoneStart.AddSeconds(-1))
                    .OrderByDescending(b => b.CreatedAt)
                    .ToList();
                if (candidates.Count == 0)
                {
                    return null;
                }

                var map = await revisions.DescribeServiceRevisionTaskDefinitionsAsync(candidates.Select(c => c.TargetServiceRevisionArn!).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
                // The same task definition may well be the last success (a failed force-new-deployment).
                return candidates
                    .Select(c => map.TryGetValue(c.TargetServiceRevisionArn!, out var td) ? td : null)
                    .FirstOrDefault(td => td != null);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "InvalidParameterException")
            {
                // The history does not reach back that far: an answer, not a failure of the API.
                reporter.Verbose($"The service-deployments history is not available ({ex.ErrorCode}).");
                return null;
            }
            catch (Exception ex) when (ServiceDeploymentsFallback.CanFallBack(ex))
            {
                fallback.FellBack(reporter, ex);
                return null;
            }
        }
    }
}
