using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Ecs
{
    /// <summary>
    /// The ECS operations the deployment logic needs. EcsClient implements it over the wire;
    /// tests may fake it. Names and ARNs are accepted wherever ECS accepts either.
    /// </summary>
    public interface IEcsApi
    {
        Task<IReadOnlyList<string>> ListClustersAsync(CancellationToken cancellationToken);

        Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken);

        /// <summary>Batches 10 services per call; unknown services come back in Failures (reason MISSING).</summary>
        Task<DescribeServicesResult> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken);

        Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken);

        /// <summary>DescribeTaskDefinition with include=TAGS; the raw response is kept for lossless cloning.</summary>
        Task<TaskDefinitionDescription> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken);

        /// <summary>Registers exactly the given RegisterTaskDefinition input (see TaskDefinitionClone).</summary>
        Task<TaskDefinitionDescription> RegisterTaskDefinitionAsync(JsonObject registerInput, CancellationToken cancellationToken);

        Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string familyPrefix, CancellationToken cancellationToken);

        Task<IReadOnlyList<string>> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken);

        /// <summary>Batches 100 tasks per call.</summary>
        Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken);

        /// <summary>Newest first, all pages.</summary>
        Task<IReadOnlyList<ServiceDeploymentBrief>> ListServiceDeploymentsAsync(string cluster, string service, IReadOnlyList<string>? statuses, CancellationToken cancellationToken);

        /// <summary>Batches 20 ARNs per call.</summary>
        Task<IReadOnlyList<ServiceDeployment>> DescribeServiceDeploymentsAsync(IReadOnlyList<string> serviceDeploymentArns, CancellationToken cancellationToken);

        /// <summary>StopServiceDeployment; stopType is ROLLBACK or ABORT. Returns the ARN ECS echoes.</summary>
        Task<string> StopServiceDeploymentAsync(string serviceDeploymentArn, string stopType, CancellationToken cancellationToken);

        /// <summary>ContinueServiceDeployment for a hook run awaiting action; action CONTINUE or ROLLBACK (null: ECS default, CONTINUE).</summary>
        Task<string> ContinueServiceDeploymentAsync(string serviceDeploymentArn, string hookId, string? action, CancellationToken cancellationToken);
    }
}
