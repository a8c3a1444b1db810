using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using Xunit;

namespace EcsBlueGreen.Tests.Contract
{
    /// <summary>Every ECS operation the module calls: our request validates against the model's input shape, and
    /// our parser accepts a fully populated model-valid output.</summary>
    public class EcsContractTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static readonly Dictionary<string, Func<EcsClient, ContractHarness, Task>> Calls = new Dictionary<string, Func<EcsClient, ContractHarness, Task>>
        {
            ["ListClusters"] = async (c, _) => Assert.Equal("sample-clusterArns", Assert.Single(await c.ListClustersAsync(None))),
            ["DescribeClusters"] = async (c, _) => Assert.Equal("sample-clusterName", Assert.Single(await c.DescribeClustersAsync(new[] { "a" }, None)).ClusterName),
            ["ListServices"] = async (c, _) => Assert.Single(await c.ListServicesAsync("cluster", None)),
            ["DescribeServices"] = async (c, _) =>
            {
                var result = await c.DescribeServicesAsync("cluster", Enumerable.Range(1, 11).Select(i => "svc" + i).ToList(), None);
                Assert.Equal(2, result.Services.Count); // two batches (10 + 1), one service each
                var service = result.Services[0];
                Assert.Equal("sample-serviceName", service.ServiceName);
                Assert.Single(service.Deployments);
                Assert.Equal("COMPLETED", service.Deployments[0].RolloutState); // the enum's first value
                Assert.Equal(new DateTimeOffset(2024, 12, 4, 13, 23, 35, 211, TimeSpan.Zero), service.Deployments[0].CreatedAt);
                Assert.True(service.DeploymentConfiguration.CircuitBreakerEnabled);
                Assert.Single(service.Events);
                Assert.Equal(2, result.Failures.Count);
            },
            ["UpdateService"] = async (c, _) =>
            {
                Assert.Equal("sample-serviceName", (await c.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "c", Service = "s", TaskDefinition = "td:2", DesiredCount = 3 }, None)).ServiceName);
                await c.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "c", Service = "s", ForceNewDeployment = true }, None);
            },
            ["DescribeTaskDefinition"] = async (c, _) =>
            {
                var described = await c.DescribeTaskDefinitionAsync("web:1", None);
                Assert.Equal("sample-family", described.Family);
                Assert.Single(described.Tags!);
            },
            ["RegisterTaskDefinition"] = async (c, h) =>
            {
                var everyMember = (JsonObject)h.Generator.Json(h.Model.InputShapeName("RegisterTaskDefinition")!)!;
                Assert.Equal("sample-family", (await c.RegisterTaskDefinitionAsync(everyMember, None)).Family);
            },
            ["ListTaskDefinitions"] = async (c, _) =>
            {
                Assert.Single(await c.ListTaskDefinitionsAsync("web", None));
                Assert.Single(await c.ListTaskDefinitionsAsync("web", "ACTIVE", newestFirst: true, None));
            },
            ["ListTasks"] = async (c, _) => Assert.Single(await c.ListTasksAsync(new ListTasksRequest { Cluster = "c", ServiceName = "s", DesiredStatus = "STOPPED", StartedBy = "ecs-svc/1" }, None)),
            ["GetTaskProtection"] = async (c, _) =>
            {
                var protection = Assert.Single(await c.GetTaskProtectionAsync("c", new[] { "t1" }, None));
                Assert.Equal("sample-taskArn", protection.TaskArn);
                Assert.NotNull(protection.ExpirationDate);
            },
            ["DescribeTasks"] = async (c, _) =>
            {
                var task = Assert.Single(await c.DescribeTasksAsync("c", new[] { "t1" }, None));
                Assert.Equal("sample-stoppedReason", task.StoppedReason);
                Assert.Equal(1, Assert.Single(task.Containers).ExitCode);
            },
            ["ListServiceDeployments"] = async (c, _) => Assert.Single(await c.ListServiceDeploymentsAsync("c", "s", new[] { "IN_PROGRESS", "SUCCESSFUL" }, None)),
            ["DescribeServiceDeployments"] = async (c, _) =>
            {
                var deployment = Assert.Single(await c.DescribeServiceDeploymentsAsync(new[] { "arn:sd" }, None));
                Assert.Equal(1, deployment.CircuitBreakerFailureCount);
                Assert.Equal("sample-arn", deployment.TargetServiceRevisionArn);
                Assert.Equal("sample-reason", deployment.RollbackReason);
            },
            ["StopServiceDeployment"] = async (c, _) => Assert.Equal("sample-serviceDeploymentArn", await c.StopServiceDeploymentAsync("arn:sd", "ROLLBACK", None)),
            ["ContinueServiceDeployment"] = async (c, _) => await c.ContinueServiceDeploymentAsync("arn:sd", "hook-1", "CONTINUE", None),
            ["DescribeServiceRevisions"] = async (c, _) =>
                Assert.Equal("sample-taskDefinition", Assert.Single(await c.DescribeServiceRevisionTaskDefinitionsAsync(new[] { "arn:rev" }, None)).Value),
        };

        public static IEnumerable<object[]> Operations() => Calls.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Operations))]
        public async Task Request_and_response_match_the_model(string operation)
        {
            using var harness = new ContractHarness("ecs-2014-11-13.service-2.json");
            await Calls[operation]((EcsClient)harness.Session.CreateEcsClient(), harness);
            Assert.Contains(operation, harness.OperationsCalled);
            harness.AssertRequestsMatchModel();
        }

        [Fact]
        public void Every_operation_the_module_calls_is_covered()
        {
            var operationsTheModuleCalls = new[]
            {
                "DescribeClusters", "ListClusters", "ListServices", "DescribeServices", "UpdateService", "DescribeTaskDefinition",
                "RegisterTaskDefinition", "ListTaskDefinitions", "ListTasks", "DescribeTasks", "ListServiceDeployments",
                "DescribeServiceDeployments", "StopServiceDeployment", "ContinueServiceDeployment",
            };
            Assert.Empty(operationsTheModuleCalls.Except(Calls.Keys));
        }
    }
}
