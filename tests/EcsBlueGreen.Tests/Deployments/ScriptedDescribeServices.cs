using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>
    /// A FakeEcs whose DescribeServices runs a script per call (1-based): answer at once, answer late
    /// on the fake clock, hang until cancelled, or fail to connect. Everything else is the FakeEcs's.
    /// </summary>
    internal sealed class ScriptedDescribeServices : IEcsApi
    {
        private readonly FakeEcs _inner;
        private readonly Func<int, FakeEcs, CancellationToken, Task<DescribeServicesResult>> _script;
        private int _calls;

        public ScriptedDescribeServices(FakeEcs inner, Func<int, FakeEcs, CancellationToken, Task<DescribeServicesResult>> script)
        {
            _inner = inner;
            _script = script;
        }

        /// <summary>DescribeServices calls begun, answered or not.</summary>
        public int Calls => Volatile.Read(ref _calls);

        public Task<DescribeServicesResult> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken) =>
            _script(Interlocked.Increment(ref _calls), _inner, cancellationToken);

        /// <summary>What the FakeEcs answers now.</summary>
        public static Task<DescribeServicesResult> Answer(FakeEcs ecs, CancellationToken cancellationToken) =>
            ecs.DescribeServicesAsync(Scenario.Cluster, new[] { Scenario.ServiceName }, cancellationToken);

        public Task<IReadOnlyList<string>> ListClustersAsync(CancellationToken cancellationToken) => _inner.ListClustersAsync(cancellationToken);
        public Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken) => _inner.ListServicesAsync(cluster, cancellationToken);
        public Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) => _inner.UpdateServiceAsync(request, cancellationToken);
        public Task<TaskDefinitionDescription> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) => _inner.DescribeTaskDefinitionAsync(taskDefinition, cancellationToken);
        public Task<TaskDefinitionDescription> RegisterTaskDefinitionAsync(JsonObject registerInput, CancellationToken cancellationToken) => _inner.RegisterTaskDefinitionAsync(registerInput, cancellationToken);
        public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string familyPrefix, CancellationToken cancellationToken) => _inner.ListTaskDefinitionsAsync(familyPrefix, cancellationToken);
        public Task<IReadOnlyList<string>> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken) => _inner.ListTasksAsync(request, cancellationToken);
        public Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken) => _inner.DescribeTasksAsync(cluster, taskArns, cancellationToken);
        public Task<IReadOnlyList<ServiceDeploymentBrief>> ListServiceDeploymentsAsync(string cluster, string service, IReadOnlyList<string>? statuses, CancellationToken cancellationToken) => _inner.ListServiceDeploymentsAsync(cluster, service, statuses, cancellationToken);
        public Task<IReadOnlyList<ServiceDeployment>> DescribeServiceDeploymentsAsync(IReadOnlyList<string> serviceDeploymentArns, CancellationToken cancellationToken) => _inner.DescribeServiceDeploymentsAsync(serviceDeploymentArns, cancellationToken);
        public Task<string> StopServiceDeploymentAsync(string serviceDeploymentArn, string stopType, CancellationToken cancellationToken) => _inner.StopServiceDeploymentAsync(serviceDeploymentArn, stopType, cancellationToken);

        public Task<string> ContinueServiceDeploymentAsync(string serviceDeploymentArn, string hookId, string? action, CancellationToken cancellationToken) => _inner.ContinueServiceDeploymentAsync(serviceDeploymentArn, hookId, action, cancellationToken);
    }
}
