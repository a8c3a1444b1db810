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
    /// lack it, or it may fail); then the module works from Service.deployments[] alone.
    /// </summary>
    internal static class ServiceDeploymentLookup
    {
        /// <summary>An answer that will not change for the rest of an invocation (the API is denied or absent).</summary>
        public static bool IsUnavailable(AwsServiceException ex) =>
            ex.ErrorCode == "AccessDeniedException" || ex.ErrorCode == "AccessDenied" ||
            ex.ErrorCode == "UnknownOperationException" || ex.ErrorCode == "UnsupportedFeatureException" ||
            ex.StatusCode == 404;

        public static async Task<string?> FindArnAsync(IEcsApi ecs, string cluster, EcsService service, EcsDeployment deployment, IReporter reporter, ServiceDeploymentsFallback fallback, CancellationToken cancellationToken)
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
            catch (Exception ex) when (ServiceDeploymentsFallback.CanFallBack(ex))
            {
                fallback.FellBack(reporter, ex);
                return null;
            }
        }
    }
}
