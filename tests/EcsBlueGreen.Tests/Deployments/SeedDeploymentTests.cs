using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Simulator;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>The deployment logic against the in-process simulator's seed scenario, over real HTTP.</summary>
    public class SeedDeploymentTests : IAsyncLifetime
    {
        private const string Image20 = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication:2.0";
        private SimulatorHost? _host;

        public async Task InitializeAsync() =>
            _host = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, TimeScale = 120, Scenario = "seed" });

        public async Task DisposeAsync()
        {
            if (_host != null) await _host.DisposeAsync();
        }

        private AwsSession Session()
        {
            using var env = new TestEnvironment();
            return AwsSession.Resolve(new AwsConnectionOptions
            {
                Region = "eu-west-2",
                AccessKey = "AKIAIOSFODNN7EXAMPLE",
                SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                EndpointUrl = _host!.BaseUri.ToString(),
            }, env.Build());
        }

        [Fact]
        public async Task Every_member_of_the_seed_task_definition_survives_a_deployment_except_the_image()
        {
            using var session = Session();
            var ecs = session.CreateEcsClient();
            var reporter = new RecordingReporter();
            var before = await ecs.DescribeTaskDefinitionAsync("myservice-myapplication-task:1", CancellationToken.None);

            var starter = new DeploymentStarter(ecs, reporter);
            var plan = await starter.PlanAsync(new StartDeploymentRequest { Cluster = "myservice", Service = "myservice-myapplication", Image = Image20 }, CancellationToken.None);
            var deployment = await starter.ExecuteAsync(plan, CancellationToken.None);
            var after = await ecs.DescribeTaskDefinitionAsync(deployment.TaskDefinitionArn!, CancellationToken.None);

            var expected = (JsonObject)before.TaskDefinition.DeepClone();
            var actual = (JsonObject)after.TaskDefinition.DeepClone();
            foreach (var generated in new[] { "taskDefinitionArn", "revision", "registeredAt", "registeredBy" })
            {
                expected.Remove(generated);
                actual.Remove(generated);
            }

            Assert.Equal(Image20, (string?)actual["containerDefinitions"]![0]!["image"]);
            actual["containerDefinitions"]![0]!["image"] = (string?)expected["containerDefinitions"]![0]!["image"];
            Assert.True(JsonNode.DeepEquals(expected, actual), $"before: {expected.ToJsonString()}\nafter:  {actual.ToJsonString()}");
            Assert.True(JsonNode.DeepEquals(before.Tags, after.Tags), "tags were not carried");
            Assert.True(expected.Count >= 12, "the seed task definition sets many members");

            var results = await new DeploymentWatcher(_ => ecs, reporter).WaitAsync(new[] { deployment },
                new WaitOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMinutes(2) }, CancellationToken.None);
            Assert.Equal(DeploymentStatus.Succeeded, results[0].Status);
        }

        [Fact]
        public async Task Undo_by_service_goes_back_to_the_last_success_from_the_service_deployments_history()
        {
            using var session = Session();
            var ecs = session.CreateEcsClient();
            var reporter = new RecordingReporter();
            var wait = new WaitOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMinutes(2) };
            var starter = new DeploymentStarter(ecs, reporter);
            var deployed = await starter.ExecuteAsync(await starter.PlanAsync(new StartDeploymentRequest { Cluster = "myservice", Service = "myservice-myapplication", Image = Image20 }, CancellationToken.None), CancellationToken.None);
            var done = await new DeploymentWatcher(_ => ecs, reporter).WaitAsync(new[] { deployed }, wait, CancellationToken.None);
            Assert.Equal(DeploymentStatus.Succeeded, done[0].Status);

            // Attach as an admin would who has no deployment object: only the cluster and service.
            var current = (await new DeploymentHistory(ecs).GetAsync("myservice", "myservice-myapplication", false, CancellationToken.None)).First();
            Assert.Null(current.PreviousTaskDefinitionArn);
            var planner = new RollbackPlanner(ecs, reporter);
            var plan = await planner.PlanAsync(current, null, CancellationToken.None);
            Assert.EndsWith("myservice-myapplication-task:1", plan.TargetTaskDefinitionArn);
            Assert.Contains("service deployment", plan.Why);
            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);
            var rolledBack = await new DeploymentWatcher(_ => ecs, reporter).WaitAsync(new[] { rollback }, wait, CancellationToken.None);
            Assert.Equal(DeploymentStatus.Succeeded, rolledBack[0].Status);
            Assert.Equal(DeploymentKind.Rollback, rolledBack[0].Kind);
        }
    }
}
