using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>
    /// An IEcsApi that hands every call to another one; a test's decorator overrides only the calls it
    /// changes (a scripted DescribeServices, a ListTasks that never answers...).
    /// </summary>
    internal abstract class ForwardingEcs : IEcsApi
    {
        protected ForwardingEcs(IEcsApi inner) => Inner = inner;

        protected IEcsApi Inner { get; }

        public virtual Task<DescribeServicesResult> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken) => Inner.DescribeServicesAsync(cluster, services, cancellationToken);
        public virtual Task<IReadOnlyList<string>> ListClustersAsync(CancellationToken cancellationToken) => Inner.ListClustersAsync(cancellationToken);
        public virtual Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken) => Inner.ListServicesAsync(cluster, cancellationToken);
        public virtual Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) => Inner.UpdateServiceAsync(request, cancellationToken);
        public virtual Task<TaskDefinitionDescription> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) => Inner.DescribeTaskDefinitionAsync(taskDefinition, cancellationToken);
        public virtual Task<TaskDefinitionDescription> RegisterTaskDefinitionAsync(JsonObject registerInput, CancellationToken cancellationToken) => Inner.RegisterTaskDefinitionAsync(registerInput, cancellationToken);
        public virtual Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string familyPrefix, CancellationToken cancellationToken) => Inner.ListTaskDefinitionsAsync(familyPrefix, cancellationToken);
        public virtual Task<IReadOnlyList<string>> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken) => Inner.ListTasksAsync(request, cancellationToken);
        public virtual Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken) => Inner.DescribeTasksAsync(cluster, taskArns, cancellationToken);
        public virtual Task<IReadOnlyList<ServiceDeploymentBrief>> ListServiceDeploymentsAsync(string cluster, string service, IReadOnlyList<string>? statuses, CancellationToken cancellationToken) => Inner.ListServiceDeploymentsAsync(cluster, service, statuses, cancellationToken);
        public virtual Task<IReadOnlyList<ServiceDeployment>> DescribeServiceDeploymentsAsync(IReadOnlyList<string> serviceDeploymentArns, CancellationToken cancellationToken) => Inner.DescribeServiceDeploymentsAsync(serviceDeploymentArns, cancellationToken);
        public virtual Task<string> StopServiceDeploymentAsync(string serviceDeploymentArn, string stopType, CancellationToken cancellationToken) => Inner.StopServiceDeploymentAsync(serviceDeploymentArn, stopType, cancellationToken);
        public virtual Task<string> ContinueServiceDeploymentAsync(string serviceDeploymentArn, string hookId, string? action, CancellationToken cancellationToken) => Inner.ContinueServiceDeploymentAsync(serviceDeploymentArn, hookId, action, cancellationToken);
    }
}
