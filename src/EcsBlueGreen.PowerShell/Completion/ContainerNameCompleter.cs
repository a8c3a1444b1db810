using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;

namespace EcsBlueGreen.PowerShell.Completion
{
    /// <summary>Completes -ContainerName with the containers of the service's current task definition.</summary>
    internal sealed class ContainerNameCompleter : AwsArgumentCompleter
    {
        protected override AwsServiceId ServiceId => AwsServiceId.Ecs;

        protected override string CacheScope(IDictionary fakeBoundParameters) =>
            $"{Bound(fakeBoundParameters, "Cluster")}|{Bound(fakeBoundParameters, "Service")}";

        protected override async Task<IReadOnlyList<string>> FetchAsync(AwsSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken)
        {
            var cluster = Bound(fakeBoundParameters, "Cluster");
            var service = Bound(fakeBoundParameters, "Service");
            if (cluster == null || service == null)
            {
                return Array.Empty<string>();
            }

            var ecs = session.CreateEcsClient();
            var described = await ecs.DescribeServicesAsync(cluster, new[] { service }, cancellationToken).ConfigureAwait(false);
            var current = described.Services.FirstOrDefault();
            if (current == null)
            {
                return Array.Empty<string>();
            }

            var taskDefinition = await ecs.DescribeTaskDefinitionAsync(current.TaskDefinition, cancellationToken).ConfigureAwait(false);
            return taskDefinition.ContainerDefinitions.Select(c => (string?)c["name"]).Where(n => n != null).Select(n => n!).ToList();
        }
    }
}
