using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    internal static class ServiceLookup
    {
        /// <summary>DescribeServices for one service; a MISSING failure becomes a clear not-found error.</summary>
        public static async Task<EcsService> DescribeOneAsync(IEcsApi ecs, string cluster, string service, CancellationToken cancellationToken)
        {
            var result = await ecs.DescribeServicesAsync(cluster, new[] { service }, cancellationToken).ConfigureAwait(false);
            var found = result.Services.FirstOrDefault();
            if (found == null)
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.ServiceNotFound,
                    $"Service '{service}' was not found in cluster '{cluster}' ({result.Failures.FirstOrDefault()?.Reason ?? "MISSING"}). Check -Cluster, -Service and -Region.");
            }

            return found;
        }
    }
}
