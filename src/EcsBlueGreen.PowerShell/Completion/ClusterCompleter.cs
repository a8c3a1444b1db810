using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;

namespace EcsBlueGreen.PowerShell.Completion
{
    /// <summary>Completes -Cluster with the account's ECS cluster names.</summary>
    internal sealed class ClusterCompleter : AwsArgumentCompleter
    {
        protected override AwsServiceId ServiceId => AwsServiceId.Ecs;

        protected override async Task<IReadOnlyList<string>> FetchAsync(AwsSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken)
        {
            var arns = await session.CreateEcsClient().ListClustersAsync(cancellationToken).ConfigureAwait(false);
            return arns.Select(NameFromArn).ToList();
        }
    }
}
