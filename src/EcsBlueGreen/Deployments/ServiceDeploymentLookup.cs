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
    /// Finds the service-deployment ARN of a deployment. Accounts may deny that API (or a region may
    /// lack it); then the module works from Service.deployments[] alone.
    /// </summary>
    internal static class ServiceDeploymentLookup
    {
        public static bool IsUnavailable(AwsServiceException ex) =>
            ex.ErrorCode == "AccessDeniedException" || ex.ErrorCode == "AccessDenied" ||
            ex.ErrorCode == "UnknownOperationException" || ex.ErrorCode == "UnsupportedFeatureException" ||
            ex.StatusCode == 404;

        public static async Task<string?> FindArnAsync(IEcsApi ecs, string cluster, EcsService service, EcsDeployment deployment, IReporter reporter, CancellationToken cancellationToken)
        {
            if (service.CurrentServiceDeployment != null && deployment.DeploymentId != null &&
                service.Primary?.Id == deployment.DeploymentId)
            {
                return service.CurrentServiceDeployment;
            }

            if (deployment.DeploymentId == null || deployment.StartedAt == null)
            {
                return null;
            }

            try
            {
                // A service deployment is created with its deployment: the one created closest to ours.
                var briefs = await ecs.ListServiceDeploymentsAsync(cluster, service.ServiceName, null, cancellationToken).ConfigureAwait(false);
                var startedAt = deployment.StartedAt.Value;
                return briefs
                    .Where(b => b.CreatedAt.HasValue && Math.Abs((b.CreatedAt.Value - startedAt).TotalSeconds) <= 10)
                    .OrderBy(b => Math.Abs((b.CreatedAt!.Value - startedAt).TotalSeconds))
                    .FirstOrDefault()?.ServiceDeploymentArn;
            }
            catch (AwsServiceException ex) when (IsUnavailable(ex))
            {
                reporter.Verbose($"The service-deployments API is not available ({ex.ErrorCode}); following Service.deployments[] only.");
                return null;
            }
        }
    }
}
