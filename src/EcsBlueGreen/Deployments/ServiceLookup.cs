using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    internal static class ServiceLookup
    {
        /// <summary>
        /// DescribeServices for one service; a MISSING failure becomes a clear not-found error. ARNs are
        /// looked up by their names where the connection goes, then must name exactly the service found:
        /// an ARN of another account, region or cluster is an error, not the same-named service here.
        /// </summary>
        public static async Task<EcsService> DescribeOneAsync(IEcsApi ecs, string cluster, string service, CancellationToken cancellationToken)
        {
            ArnCheck.BeforeCalls(cluster, service, null, null);
            var result = await ecs.DescribeServicesAsync(EcsArn.NameOf(cluster), new[] { EcsArn.NameOf(service) }, cancellationToken).ConfigureAwait(false);
            var found = result.Services.FirstOrDefault();
            if (found == null)
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.ServiceNotFound,
                    $"Service '{service}' was not found in cluster '{cluster}' ({result.Failures.FirstOrDefault()?.Reason ?? "MISSING"}). Check -Cluster, -Service and -Region.");
            }

            ArnCheck.AgainstService(found, ("-Cluster", cluster), ("-Service", service));
            return found;
        }
    }
}
