using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments
{
    public class DeploymentStarterTests
    {
        private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        private static StartDeploymentRequest Request(string? image = Repository + "@" + Digest) =>
            new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, Image = image };

        [Fact]
        public async Task Planning_writes_nothing_and_shows_the_image_change()
        {
            var ecs = SeededEcs();
            var plan = await new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(Request(), CancellationToken.None);
            Assert.Equal(0, ecs.CallCount("RegisterTaskDefinition"));
            Assert.Equal(0, ecs.CallCount("UpdateService"));
            var change = Assert.Single(plan.Changes);
            Assert.Equal("image", change.Member);
            Assert.Equal(Repository + ":1.0", change.Before);
            Assert.Contains(Digest, plan.Describe());
        }

        [Fact]
        public async Task Executing_registers_a_lossless_clone_with_only_the_image_swapped_and_captures_the_deployment()
        {
            var ecs = SeededEcs();
            var starter = new DeploymentStarter(ecs, new RecordingReporter());
            var plan = await starter.PlanAsync(Request(), CancellationToken.None);
            var deployment = await starter.ExecuteAsync(plan, CancellationToken.None);

            var registered = Assert.Single(ecs.Registered);
            var original = ecs.TaskDefinitions[TaskDefinition1].TaskDefinition;
            Assert.Equal(Repository + "@" + Digest, (string?)registered["containerDefinitions"]![0]!["image"]);
            foreach (var member in new[] { "cpu", "memory", "networkMode", "runtimePlatform", "ephemeralStorage", "pidMode", "requiresCompatibilities" })
            {
                Assert.True(JsonNode.DeepEquals(original[member], registered[member]), member + " was not carried");
            }

            foreach (var readOnly in new[] { "taskDefinitionArn", "revision", "status", "compatibilities", "registeredAt", "registeredBy", "requiresAttributes" })
            {
                Assert.False(registered.ContainsKey(readOnly), readOnly + " must not be sent to RegisterTaskDefinition");
            }

            Assert.Equal("payments", (string?)registered["tags"]![0]!["value"]);
            var update = Assert.Single(ecs.Updates);
            Assert.EndsWith("myservice-myapplication-task:2", update.TaskDefinition);
            Assert.Equal("ecs-svc/1001", deployment.DeploymentId);
            Assert.Equal(TaskDefinition1, deployment.PreviousTaskDefinitionArn);
            Assert.Equal(Repository + ":1.0", deployment.PreviousImage);
        }

        [Fact]
        public async Task Environment_changes_mask_secret_looking_values_in_the_diff()
        {
            var ecs = SeededEcs();
            var request = Request();
            request.Environment = new Dictionary<string, string?> { ["LOG_LEVEL"] = "debug", ["DB_PASSWORD"] = "new-secret-value" };
            var plan = await new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(request, CancellationToken.None);
            var text = plan.Describe();
            Assert.Contains("LOG_LEVEL: info -> debug", text);
            Assert.DoesNotContain("new-secret-value", text);
            Assert.DoesNotContain("hunter2-do-not-print", text);
            Assert.Contains("DB_PASSWORD: ******** -> ******** (changed)", text);
        }

        public static IEnumerable<object[]> UnsafeServices()
        {
            yield return new object[] { "ServiceNotActive", (System.Action<EcsService>)(s => s.Status = "DRAINING") };
            yield return new object[] { "UnsupportedDeploymentController", (System.Action<EcsService>)(s => s.DeploymentControllerType = "CODE_DEPLOY") };
            yield return new object[] { "UnsupportedDeploymentController", (System.Action<EcsService>)(s => s.DeploymentControllerType = "EXTERNAL") };
            yield return new object[] { "DeploymentInProgress", (System.Action<EcsService>)(s => s.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/9", "PRIMARY", TaskDefinition1, 1, "IN_PROGRESS", T0),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            }) };
        }

        [Theory]
        [MemberData(nameof(UnsafeServices))]
        public async Task Guardrail_errors_write_nothing(string errorId, System.Action<EcsService> breakIt)
        {
            var ecs = SeededEcs();
            breakIt(ecs.Services[ServiceName]);
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(Request(), CancellationToken.None));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(0, ecs.CallCount("RegisterTaskDefinition"));
            Assert.Equal(0, ecs.CallCount("UpdateService"));
        }

        [Fact]
        public async Task Force_overrides_the_in_progress_guardrail()
        {
            var ecs = SeededEcs();
            ecs.Services[ServiceName].Deployments = new List<DeploymentEntry> { Entry("ecs-svc/9", "PRIMARY", TaskDefinition1, 1, "IN_PROGRESS", T0) };
            var request = Request();
            request.Force = true;
            var plan = await new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(request, CancellationToken.None);
            Assert.NotNull(plan.RegisterInput);
        }

        [Fact]
        public async Task Unknown_container_and_ambiguous_containers_are_clear_errors()
        {
            var ecs = SeededEcs();
            var request = Request();
            request.ContainerName = "web";
            var notFound = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(request, CancellationToken.None));
            Assert.Equal("ContainerNotFound", notFound.ErrorId);
            Assert.Contains("myapplication", notFound.Message);

            ecs.TaskDefinitions[TaskDefinition1] = TaskDefinition(TaskDefinition1, 1, ("a", "registry.example.com/one:1"), ("b", "registry.example.com/two:1"));
            var ambiguous = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(Request("registry.example.com/three:2"), CancellationToken.None));
            Assert.Equal("AmbiguousContainer", ambiguous.ErrorId);
            Assert.Contains("a (registry.example.com/one:1)", ambiguous.Message);

            var matched = await new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(Request("registry.example.com/two:2"), CancellationToken.None);
            Assert.Equal("b", matched.ContainerName);
            Assert.Equal(0, ecs.CallCount("RegisterTaskDefinition"));
        }

        [Fact]
        public async Task Warnings_name_the_settings_that_make_failures_silent_or_stall()
        {
            var ecs = SeededEcs();
            var service = ecs.Services[ServiceName];
            service.DeploymentConfiguration.CircuitBreakerEnabled = false;
            service.DeploymentConfiguration.MaximumPercent = 100;
            service.Deployments[0].RolloutState = "IN_PROGRESS";
            var request = Request(Repository + ":2.0");
            request.Force = true;
            var plan = await new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(request, CancellationToken.None);
            Assert.Contains(plan.Warnings, w => w.Contains("circuit breaker off"));
            Assert.Contains(plan.Warnings, w => w.Contains("will stall"));
            Assert.Contains(plan.Warnings, w => w.Contains("no COMPLETED deployment"));
            Assert.Contains(plan.Warnings, w => w.Contains("tag '2.0'"));
        }

        [Fact]
        public async Task A_malformed_image_is_rejected_before_any_call()
        {
            var ecs = SeededEcs();
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(Request("Bad Image"), CancellationToken.None));
            Assert.Equal("InvalidImageUri", ex.ErrorId);
            Assert.Empty(ecs.Calls);
        }
        [Fact]
        public async Task Undo_goes_back_to_the_last_completed_deployment_even_when_it_runs_the_same_task_definition()
        {
            // A force-new-deployment of revision 1 failed with rollback off: the last success is the
            // COMPLETED deployment of that same revision, not some older revision.
            var ecs = SeededEcs();
            ecs.Services[ServiceName].Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition1, 0, "FAILED", T0, "ECS deployment circuit breaker: tasks failed to start.", 3),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            };
            var undone = new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/2", TaskDefinitionArn = TaskDefinition1, PreviousTaskDefinitionArn = TaskDefinition1 };
            var plan = await new RollbackPlanner(ecs, new RecordingReporter()).PlanAsync(undone, null, CancellationToken.None);
            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Contains("ecs-svc/1", plan.Why);
            Assert.Equal(0, ecs.CallCount("UpdateService"));
        }
    }
}
