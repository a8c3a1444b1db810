using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>
    /// Get-EcsDeployment's listing: the entries of Service.deployments[] as deployment objects, PRIMARY
    /// first, each judged, and with -IncludeHistory the service deployments not already listed.
    /// </summary>
    public class DeploymentHistoryTests
    {
        private const string TaskDefinition3 = "arn:aws:ecs:eu-west-2:123456789012:task-definition/myservice-myapplication-task:3";
        private const string Image1 = Repository + ":1.0";
        private const string Image2 = Repository + ":2.0";
        private const string Image3 = Repository + ":3.0";
        private const string Current = "arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/myservice-myapplication/current";

        private static string ServiceDeploymentArn(string name) => $"arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/myservice-myapplication/{name}";

        private static FakeEcs EcsWith(params DeploymentEntry[] deployments)
        {
            var ecs = new FakeEcs();
            var service = SteadyService();
            service.Deployments = deployments.ToList();
            service.TaskDefinition = deployments.FirstOrDefault(d => d.IsPrimary)?.TaskDefinition ?? TaskDefinition1;
            ecs.Services[ServiceName] = service;
            ecs.TaskDefinitions[TaskDefinition1] = TaskDefinition(TaskDefinition1, 1, ("myapplication", Image1));
            ecs.TaskDefinitions[TaskDefinition2] = TaskDefinition(TaskDefinition2, 2, ("myapplication", Image2));
            ecs.TaskDefinitions[TaskDefinition3] = TaskDefinition(TaskDefinition3, 3, ("myapplication", Image3));
            return ecs;
        }

        private static DeploymentEntry Updated(DeploymentEntry entry, DateTimeOffset? updatedAt)
        {
            entry.UpdatedAt = updatedAt;
            return entry;
        }

        /// <summary>ecs-svc/3 rolling out; ecs-svc/2 and ecs-svc/1 completed before it (listed out of order).</summary>
        private static FakeEcs RollingOutEcs() => EcsWith(
            Updated(Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 0, "COMPLETED", T0.AddHours(-2), "ECS deployment ecs-svc/1 completed."), T0.AddHours(-2).AddMinutes(4)),
            Updated(Entry("ecs-svc/3", "PRIMARY", TaskDefinition3, 1, "IN_PROGRESS", T0, "ECS deployment ecs-svc/3 in progress."), T0.AddMinutes(2)),
            Updated(Entry("ecs-svc/2", "ACTIVE", TaskDefinition2, 1, "COMPLETED", T0.AddHours(-1), "ECS deployment ecs-svc/2 completed."), T0.AddHours(-1).AddMinutes(5)),
            Updated(Entry("ecs-svc/0", "ACTIVE", TaskDefinition1, 0, "COMPLETED", T0.AddHours(-3)), T0.AddHours(-3).AddMinutes(4)));

        /// <summary>The circuit breaker failed ecs-svc/2 and is rolling back to ecs-svc/1, which is PRIMARY again.</summary>
        private static FakeEcs RollingBackEcs() => EcsWith(
            Updated(Entry("ecs-svc/2", "ACTIVE", TaskDefinition2, 0, "FAILED", T0, "ECS deployment circuit breaker: tasks failed to start.", failed: 3), T0.AddMinutes(6)),
            Updated(Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 1, "IN_PROGRESS", T0.AddHours(-1), "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1."), T0.AddMinutes(6)));

        private static Task<IReadOnlyList<EcsDeployment>> List(FakeEcs ecs, bool includeHistory = false) =>
            new DeploymentHistory(ecs).GetAsync(Cluster, ServiceName, includeHistory, CancellationToken.None);

        private static void SetCurrentServiceDeployment(FakeEcs ecs, DateTimeOffset createdAt, string status = "IN_PROGRESS")
        {
            ecs.Services[ServiceName].CurrentServiceDeployment = Current;
            ecs.ServiceDeployments[Current] = new ServiceDeployment { ServiceDeploymentArn = Current, Status = status, CreatedAt = createdAt, StartedAt = createdAt };
        }

        [Fact]
        public async Task The_PRIMARY_comes_first_then_the_older_deployments_newest_first()
        {
            var listed = await List(RollingOutEcs());

            Assert.Equal(new[] { "ecs-svc/3", "ecs-svc/2", "ecs-svc/1", "ecs-svc/0" }, listed.Select(d => d.DeploymentId));
            Assert.Equal(new[] { TaskDefinition3, TaskDefinition2, TaskDefinition1, TaskDefinition1 }, listed.Select(d => d.TaskDefinitionArn));
            Assert.All(listed, d => Assert.Equal(Cluster, d.Cluster));
            Assert.All(listed, d => Assert.Equal(ServiceName, d.Service));
            Assert.Equal(new[] { T0, T0.AddHours(-1), T0.AddHours(-2), T0.AddHours(-3) }, listed.Select(d => d.StartedAt!.Value));
            Assert.Equal(new[] { 1, 1, 0, 0 }, listed.Select(d => d.RunningCount));
            Assert.All(listed, d => Assert.Equal(DeploymentKind.Deployment, d.Kind));
        }

        [Fact]
        public async Task Only_the_PRIMARY_knows_the_task_definition_before_it_the_newest_older_one()
        {
            var listed = await List(RollingOutEcs());

            Assert.Equal(new string?[] { TaskDefinition2, null, null, null }, listed.Select(d => d.PreviousTaskDefinitionArn));
            Assert.Equal(new string?[] { Image2, null, null, null }, listed.Select(d => d.PreviousImage));
        }

        [Fact]
        public async Task Each_task_definition_is_read_once_for_the_image_and_container()
        {
            var ecs = RollingOutEcs();

            var listed = await List(ecs);

            Assert.Equal(new[] { Image3, Image2, Image1, Image1 }, listed.Select(d => d.Image));
            Assert.All(listed, d => Assert.Equal("myapplication", d.ContainerName));
            Assert.Equal(3, ecs.CallCount("DescribeTaskDefinition"));
        }

        [Fact]
        public async Task An_unreadable_task_definition_only_costs_its_image()
        {
            var ecs = RollingOutEcs();
            ecs.TaskDefinitions.Remove(TaskDefinition2);

            var listed = await List(ecs);

            Assert.Equal(4, listed.Count);
            var second = listed[1];
            Assert.Equal("ecs-svc/2", second.DeploymentId);
            Assert.Equal(TaskDefinition2, second.TaskDefinitionArn);
            Assert.Null(second.Image);
            Assert.Null(second.ContainerName);
            Assert.Equal(Image3, listed[0].Image);
            Assert.Equal(TaskDefinition2, listed[0].PreviousTaskDefinitionArn);
            Assert.Null(listed[0].PreviousImage);
            Assert.Equal(Image1, listed[2].Image);
        }

        [Fact]
        public async Task The_image_is_the_first_essential_container_s_else_the_first_container_s()
        {
            var ecs = EcsWith(
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "IN_PROGRESS", T0),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)));
            var withSidecar = TaskDefinition(TaskDefinition2, 2, ("log-router", "fluent-bit:3"), ("myapplication", Image2));
            withSidecar.TaskDefinition["containerDefinitions"]![0]!["essential"] = false;
            ecs.TaskDefinitions[TaskDefinition2] = withSidecar;
            var noneEssential = TaskDefinition(TaskDefinition1, 1, ("init", "busybox:1"), ("myapplication", Image1));
            noneEssential.TaskDefinition["containerDefinitions"]![0]!["essential"] = false;
            noneEssential.TaskDefinition["containerDefinitions"]![1]!["essential"] = false;
            ecs.TaskDefinitions[TaskDefinition1] = noneEssential;

            var listed = await List(ecs);

            Assert.Equal(("myapplication", Image2), (listed[0].ContainerName, listed[0].Image));
            Assert.Equal(("init", "busybox:1"), (listed[1].ContainerName, listed[1].Image));
            Assert.Equal("busybox:1", listed[0].PreviousImage);
        }

        [Fact]
        public async Task A_terminal_deployment_carries_its_structured_verdict_and_no_reason_text_one_in_flight_shows_ECS_s_words()
        {
            var listed = await List(RollingOutEcs());

            var primary = listed[0];
            Assert.Equal(DeploymentStatus.InProgress, primary.Status);
            Assert.Equal(DeploymentStatus.InProgress, primary.Verdict!.Status);
            Assert.Equal(VerdictCause.None, primary.Verdict.Cause);
            Assert.Equal("ECS deployment ecs-svc/3 in progress.", primary.StatusReason);
            Assert.Null(primary.CompletedAt);

            var replaced = listed[1];
            Assert.Equal(DeploymentStatus.Succeeded, replaced.Status);
            Assert.NotNull(replaced.Verdict);
            Assert.Equal(DeploymentStatus.Succeeded, replaced.Verdict!.Status);
            Assert.Equal(VerdictCause.Completed, replaced.Verdict.Cause);
            Assert.Equal("ecs-svc/3", replaced.Verdict.ReplacedBy);
            Assert.Null(replaced.StatusReason);
            Assert.Equal(T0.AddHours(-1).AddMinutes(5), replaced.CompletedAt);
        }

        [Fact]
        public async Task A_steady_service_lists_one_succeeded_deployment()
        {
            var ecs = EcsWith(Updated(Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1), "ECS deployment ecs-svc/1 completed."), T0.AddMinutes(-50)));

            var only = Assert.Single(await List(ecs));

            Assert.Equal(DeploymentStatus.Succeeded, only.Status);
            Assert.Equal(VerdictCause.Completed, only.Verdict!.Cause);
            Assert.Equal(2, only.Verdict.RunningCount);
            Assert.Null(only.StatusReason);
            Assert.Null(only.PreviousTaskDefinitionArn);
            Assert.Equal(T0.AddMinutes(-50), only.CompletedAt);
            Assert.Equal(2, only.DesiredCount);
        }

        [Fact]
        public async Task The_rollback_target_is_a_Rollback_that_started_when_the_rollback_did()
        {
            var ecs = RollingBackEcs();
            // Even a service deployment created with it is the failed deployment's, not the rollback's.
            SetCurrentServiceDeployment(ecs, T0.AddHours(-1));

            var listed = await List(ecs);

            Assert.Equal(new[] { "ecs-svc/1", "ecs-svc/2" }, listed.Select(d => d.DeploymentId));
            var target = listed[0];
            Assert.Equal(DeploymentKind.Rollback, target.Kind);
            Assert.Equal(T0.AddMinutes(6), target.StartedAt);
            Assert.Equal(DeploymentStatus.InProgress, target.Status);
            Assert.Equal("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.", target.StatusReason);
            Assert.Null(target.ServiceDeploymentArn);
            // Read once, for the deployment rolled back: created an hour before it, it is neither's.
            Assert.Equal(1, ecs.CallCount("DescribeServiceDeployments"));
            Assert.Null(listed[1].ServiceDeploymentArn);

            var failed = listed[1];
            Assert.Equal(DeploymentKind.Deployment, failed.Kind);
            Assert.Equal(T0, failed.StartedAt);
            Assert.Equal(DeploymentStatus.RolledBack, failed.Status);
            Assert.Equal(VerdictCause.CircuitBreaker, failed.Verdict!.Cause);
            Assert.Equal("ecs-svc/1", failed.Verdict.RolledBackTo);
            Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", failed.Verdict.EcsReason);
            Assert.Null(failed.StatusReason);
            Assert.Equal(3, failed.CircuitBreaker.FailureCount);
            Assert.Equal(T0.AddMinutes(6), failed.CompletedAt);
        }

        [Fact]
        public async Task The_deployment_ECS_rolled_back_carries_the_service_deployment_created_with_it()
        {
            var ecs = RollingBackEcs();
            SetCurrentServiceDeployment(ecs, T0.AddSeconds(2), "ROLLBACK_SUCCESSFUL");

            var listed = await List(ecs);

            Assert.Equal(DeploymentKind.Rollback, listed[0].Kind);
            Assert.Null(listed[0].ServiceDeploymentArn);
            Assert.Equal(DeploymentKind.Deployment, listed[1].Kind);
            Assert.Equal(Current, listed[1].ServiceDeploymentArn);
            Assert.Equal(1, ecs.CallCount("DescribeServiceDeployments"));
        }

        [Fact]
        public async Task A_wait_on_a_service_ECS_rolls_back_follows_the_rollback_and_tells_of_the_deployment_rolled_back()
        {
            var listed = await List(RollingBackEcs());

            Assert.Equal("ecs-svc/1", DeploymentHistory.CurrentOf(listed)!.DeploymentId);
            Assert.Equal("ecs-svc/2", DeploymentHistory.RolledBackOf(listed)!.DeploymentId);
        }

        [Fact]
        public async Task A_wait_on_a_service_rolling_out_follows_the_new_deployment_and_tells_of_no_rollback()
        {
            var listed = await List(RollingOutEcs());

            Assert.Equal("ecs-svc/3", DeploymentHistory.CurrentOf(listed)!.DeploymentId);
            Assert.Null(DeploymentHistory.RolledBackOf(listed));
            Assert.Null(DeploymentHistory.CurrentOf(Array.Empty<EcsDeployment>()));
        }

        [Fact]
        public async Task A_rollback_target_without_an_update_time_started_when_it_was_created()
        {
            var ecs = RollingBackEcs();
            ecs.Services[ServiceName].Deployments[1].UpdatedAt = null;

            var target = (await List(ecs))[0];

            Assert.Equal(DeploymentKind.Rollback, target.Kind);
            Assert.Equal(T0.AddHours(-1), target.StartedAt);
        }

        [Theory]
        [InlineData(0, true)]
        [InlineData(10, true)]
        [InlineData(-10, true)]
        [InlineData(11, false)]
        [InlineData(-11, false)]
        public async Task The_current_service_deployment_is_the_PRIMARY_s_only_when_created_within_10_s_of_it(int offsetSeconds, bool isPrimarys)
        {
            var ecs = RollingOutEcs();
            SetCurrentServiceDeployment(ecs, T0.AddSeconds(offsetSeconds));

            var listed = await List(ecs);

            Assert.Equal(isPrimarys ? Current : null, listed[0].ServiceDeploymentArn);
            Assert.All(listed.Skip(1), d => Assert.Null(d.ServiceDeploymentArn));
            Assert.Equal(1, ecs.CallCount("DescribeServiceDeployments"));
        }

        [Fact]
        public async Task Without_a_current_service_deployment_nothing_is_described()
        {
            var ecs = RollingOutEcs();

            var listed = await List(ecs);

            Assert.All(listed, d => Assert.Null(d.ServiceDeploymentArn));
            Assert.Equal(0, ecs.CallCount("DescribeServiceDeployments"));
        }

        [Fact]
        public async Task A_current_service_deployment_ECS_does_not_describe_is_not_the_PRIMARY_s()
        {
            var ecs = RollingOutEcs();
            ecs.Services[ServiceName].CurrentServiceDeployment = Current;

            var listed = await List(ecs);

            Assert.Null(listed[0].ServiceDeploymentArn);
            Assert.Equal(1, ecs.CallCount("DescribeServiceDeployments"));
        }

        [Theory]
        [InlineData("AccessDeniedException", 400)]
        [InlineData("AccessDenied", 403)]
        [InlineData("UnknownOperationException", 400)]
        [InlineData("NotFound", 404)]
        public async Task When_DescribeServiceDeployments_is_denied_the_PRIMARY_has_no_service_deployment_and_is_still_listed(string errorCode, int statusCode)
        {
            var ecs = RollingOutEcs();
            SetCurrentServiceDeployment(ecs, T0);
            ecs.Refuse("DescribeServiceDeployments", errorCode, statusCode);

            var listed = await List(ecs);

            Assert.Equal(4, listed.Count);
            Assert.Null(listed[0].ServiceDeploymentArn);
            Assert.Equal(TaskDefinition3, listed[0].TaskDefinitionArn);
        }

        [Fact]
        public async Task A_5xx_from_the_service_deployments_API_falls_back_with_one_warning_for_the_whole_listing()
        {
            var ecs = RollingOutEcs();
            SetCurrentServiceDeployment(ecs, T0);
            ecs.Refuse("DescribeServiceDeployments", "ServerException", 500);
            ecs.Refuse("ListServiceDeployments", "ServerException", 503);
            var reporter = new RecordingReporter();

            var listed = await new DeploymentHistory(ecs, reporter, new ServiceDeploymentsFallback()).GetAsync(Cluster, ServiceName, true, CancellationToken.None);

            Assert.Equal(4, listed.Count);
            Assert.Null(listed[0].ServiceDeploymentArn);
            Assert.Equal(TaskDefinition3, listed[0].TaskDefinitionArn);
            Assert.Equal(1, ecs.CallCount("ListServiceDeployments"));
            Assert.Equal(new[] { "The service-deployments API is not usable (DescribeServiceDeployments answered HTTP 500 ServerException); following the service's deployments[] and events instead." }, reporter.Warnings.ToArray());
            Assert.Contains("The service-deployments API is not usable (ListServiceDeployments answered HTTP 503 ServerException); following the service's deployments[] and events instead.", reporter.Verbose);
        }

        [Fact]
        public async Task Without_includeHistory_the_service_deployments_are_not_listed()
        {
            var ecs = RollingOutEcs();
            ecs.ServiceDeployments[ServiceDeploymentArn("old")] = new ServiceDeployment { ServiceDeploymentArn = ServiceDeploymentArn("old"), Status = "SUCCESSFUL", CreatedAt = T0.AddDays(-1) };

            var listed = await List(ecs, includeHistory: false);

            Assert.Equal(4, listed.Count);
            Assert.Equal(0, ecs.CallCount("ListServiceDeployments"));
        }

        [Fact]
        public async Task IncludeHistory_adds_the_service_deployments_not_already_listed_newest_first()
        {
            var ecs = RollingOutEcs();
            SetCurrentServiceDeployment(ecs, T0.AddSeconds(1));
            ecs.ServiceDeployments[ServiceDeploymentArn("yesterday")] = new ServiceDeployment
            {
                ServiceDeploymentArn = ServiceDeploymentArn("yesterday"), Status = "SUCCESSFUL", StatusReason = "Service deployment completed.",
                CreatedAt = T0.AddDays(-1), StartedAt = T0.AddDays(-1).AddSeconds(3), FinishedAt = T0.AddDays(-1).AddMinutes(6),
            };
            ecs.ServiceDeployments[ServiceDeploymentArn("last-week")] = new ServiceDeployment
            {
                ServiceDeploymentArn = ServiceDeploymentArn("last-week"), Status = "ROLLBACK_SUCCESSFUL",
                CreatedAt = T0.AddDays(-7),
            };

            var listed = await List(ecs, includeHistory: true);

            Assert.Equal(new string?[] { "ecs-svc/3", "ecs-svc/2", "ecs-svc/1", "ecs-svc/0", null, null }, listed.Select(d => d.DeploymentId));
            Assert.Equal(Current, listed[0].ServiceDeploymentArn);
            Assert.Equal(1, listed.Count(d => d.ServiceDeploymentArn == Current));

            var yesterday = listed[4];
            Assert.Equal(ServiceDeploymentArn("yesterday"), yesterday.ServiceDeploymentArn);
            Assert.Equal(Cluster, yesterday.Cluster);
            Assert.Equal(ServiceName, yesterday.Service);
            Assert.Equal(DeploymentStatus.Succeeded, yesterday.Status);
            Assert.Equal("Service deployment completed.", yesterday.StatusReason);
            Assert.Equal(T0.AddDays(-1).AddSeconds(3), yesterday.StartedAt);
            Assert.Equal(T0.AddDays(-1).AddMinutes(6), yesterday.CompletedAt);

            var lastWeek = listed[5];
            Assert.Equal(ServiceDeploymentArn("last-week"), lastWeek.ServiceDeploymentArn);
            Assert.Equal(DeploymentStatus.RolledBack, lastWeek.Status);
            // Without a reason of its own, the status says what happened; without a start, its creation.
            Assert.Equal("ROLLBACK_SUCCESSFUL", lastWeek.StatusReason);
            Assert.Equal(T0.AddDays(-7), lastWeek.StartedAt);
            Assert.Null(lastWeek.CompletedAt);
        }

        [Theory]
        [InlineData("SUCCESSFUL", DeploymentStatus.Succeeded)]
        [InlineData("STOPPED", DeploymentStatus.Stopped)]
        [InlineData("ROLLBACK_REQUESTED", DeploymentStatus.RolledBack)]
        [InlineData("ROLLBACK_IN_PROGRESS", DeploymentStatus.RolledBack)]
        [InlineData("ROLLBACK_SUCCESSFUL", DeploymentStatus.RolledBack)]
        [InlineData("ROLLBACK_FAILED", DeploymentStatus.RolledBack)]
        [InlineData("PENDING", DeploymentStatus.InProgress)]
        [InlineData("IN_PROGRESS", DeploymentStatus.InProgress)]
        [InlineData("STOP_REQUESTED", DeploymentStatus.InProgress)]
        [InlineData("A_STATE_ECS_ADDS_LATER", DeploymentStatus.InProgress)]
        public async Task A_history_entry_s_status_is_mapped_from_the_service_deployment_state(string wire, DeploymentStatus expected)
        {
            var ecs = RollingOutEcs();
            ecs.ServiceDeployments[ServiceDeploymentArn("old")] = new ServiceDeployment { ServiceDeploymentArn = ServiceDeploymentArn("old"), Status = wire, CreatedAt = T0.AddDays(-1) };

            var listed = await List(ecs, includeHistory: true);

            Assert.Equal(5, listed.Count);
            Assert.Equal(expected, listed[4].Status);
            Assert.Equal(wire, listed[4].StatusReason);
        }

        [Fact]
        public async Task IncludeHistory_adds_nothing_when_ListServiceDeployments_is_denied()
        {
            var ecs = RollingOutEcs();
            ecs.ServiceDeployments[ServiceDeploymentArn("old")] = new ServiceDeployment { ServiceDeploymentArn = ServiceDeploymentArn("old"), Status = "SUCCESSFUL", CreatedAt = T0.AddDays(-1) };
            ecs.Refuse("ListServiceDeployments", "AccessDeniedException");

            var listed = await List(ecs, includeHistory: true);

            Assert.Equal(new[] { "ecs-svc/3", "ecs-svc/2", "ecs-svc/1", "ecs-svc/0" }, listed.Select(d => d.DeploymentId));
            Assert.Equal(1, ecs.CallCount("ListServiceDeployments"));
        }

        [Fact]
        public async Task With_every_service_deployments_api_denied_the_listing_is_deployments_only()
        {
            var ecs = RollingOutEcs();
            SetCurrentServiceDeployment(ecs, T0);
            ecs.ServiceDeploymentsDenied = true;

            var listed = await List(ecs, includeHistory: true);

            Assert.Equal(4, listed.Count);
            Assert.All(listed, d => Assert.Null(d.ServiceDeploymentArn));
        }

        [Fact]
        public async Task A_missing_service_is_ServiceNotFound()
        {
            var ecs = RollingOutEcs();

            var error = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentHistory(ecs).GetAsync(Cluster, "no-such-service", false, CancellationToken.None));

            Assert.Equal("ServiceNotFound", error.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.ObjectNotFound, error.Error.Kind);
        }
    }
}
