using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;

namespace EcsBlueGreen.PowerShell.Completion
{
    /// <summary>Completes -Service with the services of the cluster already given (-Cluster).</summary>
    internal sealed class ServiceCompleter : AwsArgumentCompleter
    {
        protected override AwsServiceId ServiceId => AwsServiceId.Ecs;

        protected override string CacheScope(IDictionary fakeBoundParameters) => Bound(fakeBoundParameters, "Cluster") ?? "default";

        protected override async Task<IReadOnlyList<string>> FetchAsync(AwsSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken)
        {
            var cluster = Bound(fakeBoundParameters, "Cluster") ?? "default";
            var arns = await session.CreateEcsClient().ListServicesAsync(cluster, cancellationToken).ConfigureAwait(false);
            return arns.Select(NameFromArn).ToList();
        }
    }
}
