using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Reporting;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>
    /// Where Undo goes, path by path: -ToTaskDefinition, ECS's own rollback of an in-flight deployment
    /// (and what happens when ECS refuses it), a COMPLETED deployment still listed, the
    /// service-deployments history, the object's previous task definition, and nothing.
    /// </summary>
    public class RollbackPlannerTests
    {
        private const string TaskDefinition3 = "arn:aws:ecs:eu-west-2:123456789012:task-definition/myservice-myapplication-task:3";
        private const string OursServiceDeployment = "arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/myservice-myapplication/ours";
        private const string Image1 = Repository + ":1.0";
        private const string Image2 = Repository + ":2.0";
        private const string Image3 = Repository + ":3.0";
        private const string LastCompletedWhy = "deployment ecs-svc/1 is the last that completed";
        private const string HistoryWhy = "the last successful service deployment before it";
        private const string PreviousWhy = "the task definition the service ran before this deployment";

        private static string Revision(string name) => $"arn:aws:ecs:eu-west-2:123456789012:service-revision/myservice/myservice-myapplication/{name}";

        private static string ServiceDeploymentArn(string name) => $"arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/myservice-myapplication/{name}";

        /// <summary>ecs-svc/2 (revision 2) rolling out beside the COMPLETED ecs-svc/1 (revision 1).</summary>
        private static FakeEcs InFlightEcs()
        {
            var ecs = new FakeEcs();
            var service = SteadyService();
            service.TaskDefinition = TaskDefinition2;
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 1, "IN_PROGRESS", T0, "ECS deployment ecs-svc/2 in progress."),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            };
            ecs.Services[ServiceName] = service;
            ecs.TaskDefinitions[TaskDefinition1] = TaskDefinition(TaskDefinition1, 1, ("myapplication", Image1));
            ecs.TaskDefinitions["myservice-myapplication-task:1"] = ecs.TaskDefinitions[TaskDefinition1];
            ecs.TaskDefinitions[TaskDefinition2] = TaskDefinition(TaskDefinition2, 2, ("myapplication", Image2));
            ecs.TaskDefinitions[TaskDefinition3] = TaskDefinition(TaskDefinition3, 3, ("myapplication", Image3));
            return ecs;
        }

        /// <summary>ecs-svc/2 (revision 2) alone in deployments[]: nothing older is listed beside it.</summary>
        private static FakeEcs AloneEcs(string rolloutState = "COMPLETED")
        {
            var ecs = InFlightEcs();
            ecs.Services[ServiceName].Deployments = new List<DeploymentEntry> { Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, rolloutState, T0) };
            return ecs;
        }

        private static EcsDeployment Undone(string? previous = TaskDefinition1, string? serviceDeploymentArn = null) => new EcsDeployment
        {
            Cluster = Cluster,
            Service = ServiceName,
            Region = "eu-west-2",
            EndpointUrl = "http://127.0.0.1:4566",
            ProfileName = "ci",
            DeploymentId = "ecs-svc/2",
            ServiceDeploymentArn = serviceDeploymentArn,
            TaskDefinitionArn = TaskDefinition2,
            PreviousTaskDefinitionArn = previous,
            ContainerName = "myapplication",
            Image = Image2,
            PreviousImage = Image1,
            StartedAt = T0,
            DesiredCount = 2,
            RunningCount = 1,
        };

        private static void AddSuccessfulServiceDeployment(FakeEcs ecs, string name, DateTimeOffset createdAt, string? taskDefinition, string status = "SUCCESSFUL")
        {
            var revision = Revision(name);
            ecs.ServiceDeployments[ServiceDeploymentArn(name)] = new ServiceDeployment
            {
                ServiceDeploymentArn = ServiceDeploymentArn(name), Status = status, TargetServiceRevisionArn = revision,
                CreatedAt = createdAt, StartedAt = createdAt, FinishedAt = createdAt.AddMinutes(5),
            };
            if (taskDefinition != null)
            {
                ecs.ServiceRevisions[revision] = taskDefinition;
            }
        }

        private static void AssertNothingWritten(FakeEcs ecs)
        {
            Assert.Equal(0, ecs.CallCount("UpdateService"));
            Assert.Equal(0, ecs.CallCount("StopServiceDeployment"));
            Assert.Equal(0, ecs.CallCount("RegisterTaskDefinition"));
        }

        private static RollbackPlanner Planner(FakeEcs ecs, RecordingReporter? reporter = null, TimeProvider? clock = null) =>
            new RollbackPlanner(ecs, reporter ?? new RecordingReporter(), clock ?? new FakeTimeProvider(T0.AddMinutes(10)));

        // -ToTaskDefinition

        [Fact]
        public async Task ToTaskDefinition_targets_the_arn_of_that_definition_even_while_the_deployment_is_in_flight()
        {
            var ecs = InFlightEcs();
            ecs.ServiceDeployments[OursServiceDeployment] = new ServiceDeployment { ServiceDeploymentArn = OursServiceDeployment, Status = "IN_PROGRESS", CreatedAt = T0 };

            var plan = await Planner(ecs).PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), "myservice-myapplication-task:1", CancellationToken.None);

            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Null(plan.StopServiceDeploymentArn);
            Assert.Equal("the task definition given with -ToTaskDefinition", plan.Why);
            Assert.Equal($"update service {ServiceName} back to {TaskDefinition1} (the task definition given with -ToTaskDefinition)", plan.Describe());
            Assert.Equal(0, ecs.CallCount("ListServiceDeployments"));
            AssertNothingWritten(ecs);
        }

        [Fact]
        public async Task An_unknown_ToTaskDefinition_is_TaskDefinitionNotFound_and_changes_nothing()
        {
            var ecs = InFlightEcs();

            var error = await Assert.ThrowsAsync<EcsBlueGreenException>(() => Planner(ecs).PlanAsync(Undone(), "myservice-myapplication-task:99", CancellationToken.None));

            Assert.Equal("TaskDefinitionNotFound", error.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.ObjectNotFound, error.Error.Kind);
            Assert.Contains("'myservice-myapplication-task:99'", error.Message);
            Assert.Equal("ClientException", Assert.IsType<AwsServiceException>(error.InnerException).ErrorCode);
            AssertNothingWritten(ecs);
        }

        [Fact]
        public async Task A_missing_service_is_ServiceNotFound()
        {
            var ecs = InFlightEcs();
            var undone = Undone();
            undone.Service = "no-such-service";

            var error = await Assert.ThrowsAsync<EcsBlueGreenException>(() => Planner(ecs).PlanAsync(undone, null, CancellationToken.None));

            Assert.Equal("ServiceNotFound", error.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.ObjectNotFound, error.Error.Kind);
            AssertNothingWritten(ecs);
        }

        // ECS's own rollback of an in-flight deployment

        [Fact]
        public async Task In_flight_with_a_service_deployment_asks_ECS_to_roll_back_and_decides_the_fallback_up_front()
        {
            var ecs = InFlightEcs();

            var plan = await Planner(ecs).PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            Assert.Equal(OursServiceDeployment, plan.StopServiceDeploymentArn);
            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal("deployment ecs-svc/2 is still in flight", plan.Why);
            Assert.Equal($"ask ECS to roll back service deployment {OursServiceDeployment} (deployment ecs-svc/2 is still in flight); if ECS refuses, update the service back to {TaskDefinition1}", plan.Describe());
            AssertNothingWritten(ecs);
        }

        [Fact]
        public async Task In_flight_without_any_known_fallback_still_plans_ECS_rollback_with_no_target()
        {
            var ecs = AloneEcs("IN_PROGRESS");

            var plan = await Planner(ecs).PlanAsync(Undone(previous: null, serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            Assert.Equal(OursServiceDeployment, plan.StopServiceDeploymentArn);
            Assert.Null(plan.TargetTaskDefinitionArn);
            Assert.Equal($"ask ECS to roll back service deployment {OursServiceDeployment} (deployment ecs-svc/2 is still in flight)", plan.Describe());
        }

        [Fact]
        public async Task In_flight_without_a_service_deployment_arn_updates_the_service_back()
        {
            var ecs = InFlightEcs();

            var plan = await Planner(ecs).PlanAsync(Undone(serviceDeploymentArn: null), null, CancellationToken.None);

            Assert.Null(plan.StopServiceDeploymentArn);
            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal(LastCompletedWhy, plan.Why);
            Assert.Equal($"update service {ServiceName} back to {TaskDefinition1} ({LastCompletedWhy})", plan.Describe());
        }

        [Theory]
        [InlineData("COMPLETED")]
        [InlineData("FAILED")]
        public async Task A_deployment_that_is_no_longer_in_progress_is_not_stopped_but_updated_back(string rolloutState)
        {
            var ecs = InFlightEcs();
            ecs.Services[ServiceName].Deployments[0].RolloutState = rolloutState;

            var plan = await Planner(ecs).PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            Assert.Null(plan.StopServiceDeploymentArn);
            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal(LastCompletedWhy, plan.Why);
        }

        [Fact]
        public async Task A_deployment_no_longer_listed_is_not_stopped_but_updated_back()
        {
            var ecs = InFlightEcs();
            var service = ecs.Services[ServiceName];
            service.Deployments = new List<DeploymentEntry> { Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)) };

            var plan = await Planner(ecs).PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            Assert.Null(plan.StopServiceDeploymentArn);
            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal(LastCompletedWhy, plan.Why);
        }

        [Fact]
        public async Task Executing_an_ECS_rollback_stops_the_service_deployment_and_never_updates_the_service()
        {
            var ecs = InFlightEcs();
            ecs.ServiceDeployments[OursServiceDeployment] = new ServiceDeployment { ServiceDeploymentArn = OursServiceDeployment, Status = "IN_PROGRESS", CreatedAt = T0 };
            ecs.Services[ServiceName].Deployments[0].UpdatedAt = T0.AddMinutes(7);
            ecs.Services[ServiceName].Deployments[1].UpdatedAt = T0.AddMinutes(3);
            var reporter = new RecordingReporter();
            var planner = Planner(ecs, reporter);
            var undone = Undone(serviceDeploymentArn: OursServiceDeployment);
            var plan = await planner.PlanAsync(undone, null, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(new[] { (OursServiceDeployment, "ROLLBACK") }, ecs.Stops);
            Assert.Equal(0, ecs.CallCount("UpdateService"));
            Assert.Equal(DeploymentKind.Rollback, rollback.Kind);
            Assert.Equal("ecs-svc/2", rollback.RollbackOf);
            Assert.Null(rollback.DeploymentId);
            Assert.Equal(OursServiceDeployment, rollback.ServiceDeploymentArn);
            Assert.Equal(TaskDefinition1, rollback.TaskDefinitionArn);
            Assert.Equal(Image1, rollback.Image);
            Assert.Equal(TaskDefinition2, rollback.PreviousTaskDefinitionArn);
            Assert.Equal(Image2, rollback.PreviousImage);
            Assert.Equal(Cluster, rollback.Cluster);
            Assert.Equal(ServiceName, rollback.Service);
            Assert.Equal("eu-west-2", rollback.Region);
            Assert.Equal("http://127.0.0.1:4566", rollback.EndpointUrl);
            Assert.Equal("ci", rollback.ProfileName);
            // The newest change ECS reports on the service is when its rollback began.
            Assert.Equal(T0.AddMinutes(7), rollback.StartedAt);
            Assert.Equal($"Asked ECS to roll back ecs-svc/2 ({OursServiceDeployment}).", Assert.Single(reporter.Information).Text);
        }

        [Fact]
        public async Task An_ECS_rollback_starts_at_the_clock_when_ECS_reports_no_update_time()
        {
            var ecs = AloneEcs("IN_PROGRESS");
            ecs.Services[ServiceName].Deployments[0].UpdatedAt = null;
            ecs.ServiceDeployments[OursServiceDeployment] = new ServiceDeployment { ServiceDeploymentArn = OursServiceDeployment, Status = "IN_PROGRESS", CreatedAt = T0 };
            var clock = new FakeTimeProvider(T0.AddMinutes(42));
            var planner = Planner(ecs, clock: clock);
            var plan = await planner.PlanAsync(Undone(previous: null, serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(T0.AddMinutes(42), rollback.StartedAt);
            Assert.Null(rollback.TaskDefinitionArn);
            Assert.Single(ecs.Stops);
            Assert.Equal(0, ecs.CallCount("UpdateService"));
        }

        [Theory]
        [InlineData("ConflictException", 400)]
        [InlineData("AccessDeniedException", 400)]
        [InlineData("AccessDenied", 403)]
        [InlineData("UnknownOperationException", 400)]
        [InlineData("UnsupportedFeatureException", 400)]
        [InlineData("NotFound", 404)]
        public async Task When_ECS_refuses_its_rollback_the_service_is_updated_back_to_the_target_decided_up_front(string errorCode, int statusCode)
        {
            var ecs = InFlightEcs();
            ecs.Refuse("StopServiceDeployment", errorCode, statusCode);
            var reporter = new RecordingReporter();
            var planner = Planner(ecs, reporter);
            var plan = await planner.PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(1, ecs.CallCount("StopServiceDeployment"));
            var update = Assert.Single(ecs.Updates);
            Assert.Equal(TaskDefinition1, update.TaskDefinition);
            Assert.True(update.ForceNewDeployment);
            Assert.Equal("ecs-svc/1001", rollback.DeploymentId);
            Assert.Equal(TaskDefinition1, rollback.TaskDefinitionArn);
            Assert.Equal(Image1, rollback.Image);
            Assert.Equal(DeploymentKind.Rollback, rollback.Kind);
            if (errorCode == "ConflictException")
            {
                Assert.Contains($"StopServiceDeployment answered {errorCode}; updating the service back instead.", reporter.Verbose);
                Assert.Empty(reporter.Warnings);
            }
            else
            {
                Assert.Equal(new[] { $"The service-deployments API is not usable (StopServiceDeployment answered HTTP {statusCode} {errorCode}); following the service's deployments[] and events instead." }, reporter.Warnings.ToArray());
            }
        }

        [Fact]
        public async Task When_ECS_refuses_its_rollback_and_nothing_is_known_to_go_back_to_it_is_NoRollbackTarget()
        {
            var ecs = AloneEcs("IN_PROGRESS");
            ecs.Refuse("StopServiceDeployment", "ConflictException");
            var planner = Planner(ecs);
            var plan = await planner.PlanAsync(Undone(previous: null, serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            var error = await Assert.ThrowsAsync<EcsBlueGreenException>(() => planner.ExecuteAsync(plan, CancellationToken.None));

            Assert.Equal("NoRollbackTarget", error.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.InvalidOperation, error.Error.Kind);
            Assert.Contains("(ConflictException)", error.Message);
            Assert.Contains("-ToTaskDefinition", error.Message);
            Assert.Equal("ConflictException", Assert.IsType<AwsServiceException>(error.InnerException).ErrorCode);
            Assert.Equal(0, ecs.CallCount("UpdateService"));
        }

        [Fact]
        public async Task A_5xx_from_StopServiceDeployment_falls_back_to_updating_the_service_with_one_warning()
        {
            var ecs = InFlightEcs();
            ecs.Refuse("StopServiceDeployment", "ServerException", 500);
            var reporter = new RecordingReporter();
            var planner = Planner(ecs, reporter);
            var plan = await planner.PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(TaskDefinition1, Assert.Single(ecs.Updates).TaskDefinition);
            Assert.Equal(TaskDefinition1, rollback.TaskDefinitionArn);
            Assert.Equal(new[] { "The service-deployments API is not usable (StopServiceDeployment answered HTTP 500 ServerException); following the service's deployments[] and events instead." }, reporter.Warnings.ToArray());
        }

        [Fact]
        public async Task Plan_and_execute_sharing_one_fallback_warn_once_however_many_calls_fail()
        {
            var ecs = InFlightEcs();
            ecs.ServiceDeploymentsDenied = true;
            var reporter = new RecordingReporter();
            var fallback = new ServiceDeploymentsFallback();
            var plan = await new RollbackPlanner(ecs, reporter, fallback).PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            await new RollbackPlanner(ecs, reporter, fallback).ExecuteAsync(plan, CancellationToken.None);

            Assert.True(ecs.CallCount("StopServiceDeployment") == 1, "the rollback request was tried");
            Assert.Single(reporter.Warnings);
        }

        // The last task definition that succeeded

        [Fact]
        public async Task The_newest_COMPLETED_deployment_other_than_the_undone_one_is_the_target()
        {
            var ecs = InFlightEcs();
            var service = ecs.Services[ServiceName];
            service.TaskDefinition = TaskDefinition3;
            service.Deployments = new List<DeploymentEntry>
            {
                // The undone deployment completed too (and is newest): it must not be its own target.
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0),
                Entry("ecs-svc/0", "ACTIVE", TaskDefinition3, 2, "COMPLETED", T0.AddHours(-2)),
                Entry("ecs-svc/9", "ACTIVE", TaskDefinition3, 0, "FAILED", T0.AddMinutes(-5)),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            };
            AddSuccessfulServiceDeployment(ecs, "older", T0.AddMinutes(-30), TaskDefinition3);

            var plan = await Planner(ecs).PlanAsync(Undone(previous: TaskDefinition3), null, CancellationToken.None);

            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal(LastCompletedWhy, plan.Why);
            Assert.Null(plan.StopServiceDeploymentArn);
            // Listed beside it is enough: the history is not consulted.
            Assert.Equal(0, ecs.CallCount("ListServiceDeployments"));
            AssertNothingWritten(ecs);
        }

        [Fact]
        public async Task Without_a_listed_COMPLETED_deployment_the_last_SUCCESSFUL_service_deployment_before_it_is_the_target()
        {
            var ecs = AloneEcs();
            ecs.Services[ServiceName].Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0),
                // A FAILED deployment is no target even though it is listed.
                Entry("ecs-svc/9", "ACTIVE", TaskDefinition3, 0, "FAILED", T0.AddMinutes(-5)),
            };
            // Our own service deployment (by ARN), one created with ours (by time), a newer STOPPED one,
            // one without a revision and one whose revision is gone are all passed over.
            AddSuccessfulServiceDeployment(ecs, "ours", T0.AddSeconds(-5), TaskDefinition2);
            AddSuccessfulServiceDeployment(ecs, "same-time", T0.AddMilliseconds(-500), TaskDefinition2);
            AddSuccessfulServiceDeployment(ecs, "stopped", T0.AddMinutes(-10), TaskDefinition3, "STOPPED");
            AddSuccessfulServiceDeployment(ecs, "no-revision", T0.AddMinutes(-20), null);
            ecs.ServiceDeployments[ServiceDeploymentArn("no-revision")].TargetServiceRevisionArn = null;
            AddSuccessfulServiceDeployment(ecs, "revision-gone", T0.AddMinutes(-30), null);
            AddSuccessfulServiceDeployment(ecs, "last-success", T0.AddHours(-1), TaskDefinition1);
            AddSuccessfulServiceDeployment(ecs, "earlier-success", T0.AddHours(-2), TaskDefinition3);

            var plan = await Planner(ecs).PlanAsync(Undone(previous: TaskDefinition3, serviceDeploymentArn: ServiceDeploymentArn("ours")), null, CancellationToken.None);

            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal(HistoryWhy, plan.Why);
            Assert.Null(plan.StopServiceDeploymentArn);
            Assert.Equal(1, ecs.CallCount("DescribeServiceRevisions"));
            AssertNothingWritten(ecs);
        }

        [Fact]
        public async Task A_history_with_no_success_before_it_falls_back_to_the_previous_task_definition_without_describing_revisions()
        {
            var ecs = AloneEcs();
            AddSuccessfulServiceDeployment(ecs, "ours", T0, TaskDefinition2);

            var plan = await Planner(ecs).PlanAsync(Undone(previous: TaskDefinition1), null, CancellationToken.None);

            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal(PreviousWhy, plan.Why);
            Assert.Equal(1, ecs.CallCount("ListServiceDeployments"));
            Assert.Equal(0, ecs.CallCount("DescribeServiceRevisions"));
        }

        [Theory]
        [InlineData("ListServiceDeployments", "AccessDeniedException", 400)]
        [InlineData("ListServiceDeployments", "AccessDenied", 403)]
        [InlineData("ListServiceDeployments", "UnknownOperationException", 400)]
        [InlineData("ListServiceDeployments", "UnsupportedFeatureException", 400)]
        [InlineData("ListServiceDeployments", "InvalidParameterException", 400)]
        [InlineData("ListServiceDeployments", "NotFound", 404)]
        [InlineData("DescribeServiceRevisions", "AccessDeniedException", 400)]
        [InlineData("DescribeServiceRevisions", "InvalidParameterException", 400)]
        public async Task When_the_history_is_unavailable_the_previous_task_definition_is_the_target(string operation, string errorCode, int statusCode)
        {
            var ecs = AloneEcs();
            AddSuccessfulServiceDeployment(ecs, "last-success", T0.AddHours(-1), TaskDefinition3);
            ecs.Refuse(operation, errorCode, statusCode);
            var reporter = new RecordingReporter();

            var plan = await Planner(ecs, reporter).PlanAsync(Undone(previous: TaskDefinition1), null, CancellationToken.None);

            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal(PreviousWhy, plan.Why);
            if (errorCode == "InvalidParameterException")
            {
                Assert.Contains($"The service-deployments history is not available ({errorCode}).", reporter.Verbose);
                Assert.Empty(reporter.Warnings);
            }
            else
            {
                Assert.Equal(new[] { $"The service-deployments API is not usable ({operation} answered HTTP {statusCode} {errorCode}); following the service's deployments[] and events instead." }, reporter.Warnings.ToArray());
            }
        }

        [Fact]
        public async Task A_5xx_from_the_history_falls_back_to_the_previous_task_definition_with_one_warning()
        {
            var ecs = AloneEcs();
            ecs.Refuse("ListServiceDeployments", "ServerException", 500);
            var reporter = new RecordingReporter();

            var plan = await Planner(ecs, reporter).PlanAsync(Undone(previous: TaskDefinition1), null, CancellationToken.None);

            Assert.Equal(TaskDefinition1, plan.TargetTaskDefinitionArn);
            Assert.Equal(PreviousWhy, plan.Why);
            Assert.Equal(new[] { "The service-deployments API is not usable (ListServiceDeployments answered HTTP 500 ServerException); following the service's deployments[] and events instead." }, reporter.Warnings.ToArray());
        }

        [Fact]
        public async Task With_no_earlier_success_known_it_is_NoRollbackTarget_and_changes_nothing()
        {
            var ecs = AloneEcs();
            AddSuccessfulServiceDeployment(ecs, "ours", T0, TaskDefinition2);

            var error = await Assert.ThrowsAsync<EcsBlueGreenException>(() => Planner(ecs).PlanAsync(Undone(previous: null), null, CancellationToken.None));

            Assert.Equal("NoRollbackTarget", error.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.InvalidOperation, error.Error.Kind);
            Assert.Equal($"No earlier successful deployment of {ServiceName} is known to roll back to. Pass the task definition to return to with -ToTaskDefinition family:revision.", error.Message);
            AssertNothingWritten(ecs);
        }

        // Executing an update back

        [Fact]
        public async Task Executing_an_update_back_outputs_a_new_rollback_and_leaves_the_undone_object_alone()
        {
            var ecs = InFlightEcs();
            var clock = new FakeTimeProvider(T0.AddMinutes(10));
            ecs.Clock = clock;
            // ECS creates the rollback's service deployment with it.
            AddSuccessfulServiceDeployment(ecs, "rollback", T0.AddMinutes(10).AddSeconds(2), TaskDefinition1, "IN_PROGRESS");
            var reporter = new RecordingReporter();
            var planner = Planner(ecs, reporter, clock);
            var undone = Undone();
            var before = JsonSerializer.Serialize(undone);
            var plan = await planner.PlanAsync(undone, null, CancellationToken.None);
            ecs.Calls.Clear();

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            var update = Assert.Single(ecs.Updates);
            Assert.Equal(Cluster, update.Cluster);
            Assert.Equal(ServiceName, update.Service);
            Assert.Equal(TaskDefinition1, update.TaskDefinition);
            Assert.True(update.ForceNewDeployment);
            Assert.Null(update.DesiredCount);

            Assert.NotSame(undone, rollback);
            Assert.Equal(DeploymentKind.Rollback, rollback.Kind);
            Assert.Equal(DeploymentStatus.InProgress, rollback.Status);
            Assert.Equal("ecs-svc/2", rollback.RollbackOf);
            Assert.Equal("ecs-svc/1001", rollback.DeploymentId);
            Assert.Equal(TaskDefinition1, rollback.TaskDefinitionArn);
            Assert.Equal("myapplication", rollback.ContainerName);
            Assert.Equal(Image1, rollback.Image);
            Assert.Equal(TaskDefinition2, rollback.PreviousTaskDefinitionArn);
            Assert.Equal(Image2, rollback.PreviousImage);
            Assert.Equal(T0.AddMinutes(10), rollback.StartedAt);
            Assert.Equal(2, rollback.DesiredCount);
            Assert.True(rollback.CircuitBreaker.Enabled);
            Assert.True(rollback.CircuitBreaker.Rollback);
            Assert.Equal(3, rollback.CircuitBreaker.Threshold);
            Assert.Equal(ServiceDeploymentArn("rollback"), rollback.ServiceDeploymentArn);
            Assert.Equal(Cluster, rollback.Cluster);
            Assert.Equal(ServiceName, rollback.Service);
            Assert.Equal("eu-west-2", rollback.Region);
            Assert.Equal("http://127.0.0.1:4566", rollback.EndpointUrl);
            Assert.Equal("ci", rollback.ProfileName);
            Assert.Equal($"Rolling back to {TaskDefinition1} as deployment ecs-svc/1001.", Assert.Single(reporter.Information).Text);

            Assert.Equal(before, JsonSerializer.Serialize(undone));
            // Reads, one update, nothing registered and nothing deregistered.
            Assert.Equal(new[] { "DescribeTaskDefinition", "ListServiceDeployments", "UpdateService" }, ecs.Calls.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(1, ecs.CallCount("UpdateService"));
        }

        [Fact]
        public async Task The_rollback_takes_the_current_service_deployment_when_ECS_names_it_for_the_new_primary()
        {
            var ecs = InFlightEcs();
            var created = ServiceDeploymentArn("created-with-rollback");
            ecs.OnUpdateService = service => service.CurrentServiceDeployment = created;
            var planner = Planner(ecs);
            var plan = await planner.PlanAsync(Undone(), null, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(created, rollback.ServiceDeploymentArn);
            Assert.Equal(0, ecs.CallCount("ListServiceDeployments"));
        }

        [Fact]
        public async Task Without_the_service_deployments_api_the_rollback_has_no_service_deployment_arn()
        {
            var ecs = InFlightEcs();
            ecs.Clock = new FakeTimeProvider(T0.AddMinutes(10));
            AddSuccessfulServiceDeployment(ecs, "rollback", T0.AddMinutes(10), TaskDefinition1, "IN_PROGRESS");
            ecs.ServiceDeploymentsDenied = true;
            var reporter = new RecordingReporter();
            var planner = Planner(ecs, reporter);
            var plan = await planner.PlanAsync(Undone(), null, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Null(rollback.ServiceDeploymentArn);
            Assert.Equal("ecs-svc/1001", rollback.DeploymentId);
            Assert.Equal(new[] { "The service-deployments API is not usable (ListServiceDeployments answered HTTP 400 AccessDeniedException); following the service's deployments[] and events instead." }, reporter.Warnings.ToArray());
        }

        [Fact]
        public async Task A_service_deployment_created_more_than_10_s_from_the_rollback_is_not_its_own()
        {
            var ecs = InFlightEcs();
            ecs.Clock = new FakeTimeProvider(T0.AddMinutes(10));
            AddSuccessfulServiceDeployment(ecs, "earlier", T0.AddMinutes(10).AddSeconds(-11), TaskDefinition1, "IN_PROGRESS");
            var planner = Planner(ecs);
            var plan = await planner.PlanAsync(Undone(), null, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Null(rollback.ServiceDeploymentArn);
            Assert.Equal(1, ecs.CallCount("ListServiceDeployments"));
        }

        [Theory]
        [InlineData("myapplication", "myapplication", Image1)]
        [InlineData(null, "log-router", "public.ecr.aws/aws-observability/aws-for-fluent-bit:3")]
        [InlineData("renamed-away", null, null)]
        public async Task The_rollback_image_is_read_from_the_undone_container_in_the_target_definition(string? undoneContainer, string? expectedContainer, string? expectedImage)
        {
            var ecs = InFlightEcs();
            ecs.TaskDefinitions[TaskDefinition1] = TaskDefinition(TaskDefinition1, 1,
                ("log-router", "public.ecr.aws/aws-observability/aws-for-fluent-bit:3"), ("myapplication", Image1));
            var planner = Planner(ecs);
            var undone = Undone();
            undone.ContainerName = undoneContainer;
            var plan = await planner.PlanAsync(undone, null, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(expectedContainer, rollback.ContainerName);
            Assert.Equal(expectedImage, rollback.Image);
            Assert.Equal(TaskDefinition1, rollback.TaskDefinitionArn);
        }

        [Fact]
        public async Task Executing_a_ToTaskDefinition_plan_deploys_exactly_that_definition()
        {
            var ecs = InFlightEcs();
            var planner = Planner(ecs);
            var plan = await planner.PlanAsync(Undone(), TaskDefinition3, CancellationToken.None);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal(TaskDefinition3, Assert.Single(ecs.Updates).TaskDefinition);
            Assert.Equal(TaskDefinition3, rollback.TaskDefinitionArn);
            Assert.Equal(Image3, rollback.Image);
            Assert.Equal("ecs-svc/1001", rollback.DeploymentId);
            Assert.Equal(0, ecs.CallCount("StopServiceDeployment"));
        }
    
        // Native deployments: a PAUSE hook ECS holds now, and a deployment ECS already rolls back.

        private static FakeEcs NativeInFlightEcs(string status, params LifecycleHookDetail[] hooks)
        {
            var ecs = InFlightEcs();
            ecs.Services[ServiceName].DeploymentConfiguration.Strategy = "BLUE_GREEN";
            ecs.ServiceDeployments[OursServiceDeployment] = new ServiceDeployment
            {
                ServiceDeploymentArn = OursServiceDeployment, Status = status, CreatedAt = T0,
                LifecycleStage = "POST_TEST_TRAFFIC_SHIFT", LifecycleHookDetails = hooks,
                RollbackReason = status.StartsWith("ROLLBACK", StringComparison.Ordinal) ? "Service deployment rolled back because a rollback was requested." : null,
            };
            return ecs;
        }

        private static LifecycleHookDetail Hook(string id, string status) =>
            new LifecycleHookDetail { HookId = id, TargetType = "PAUSE", Status = status, ExpiresAt = T0.AddMinutes(30), TimeoutAction = "ROLLBACK" };

        [Fact]
        public async Task A_native_deployment_paused_at_a_hook_is_rolled_back_through_that_hook_and_nothing_else()
        {
            var ecs = NativeInFlightEcs("IN_PROGRESS", Hook("done", "SUCCEEDED"), Hook("waiting", "AWAITING_ACTION"));
            var planner = Planner(ecs);

            var plan = await planner.PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);

            Assert.Equal("waiting", plan.PausedAt!.Hook.HookId);
            Assert.Equal($"roll back service deployment {OursServiceDeployment} at its PAUSE hook waiting (stage POST_TEST_TRAFFIC_SHIFT) with ContinueServiceDeployment action ROLLBACK; ECS moves production traffic back to the revision before it", plan.Describe());
            Assert.Equal(0, ecs.CallCount("ContinueServiceDeployment"));
            AssertNothingWritten(ecs);

            var rollback = await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Equal((OursServiceDeployment, "waiting", "ROLLBACK"), Assert.Single(ecs.Continues));
            Assert.Equal(DeploymentKind.Rollback, rollback.Kind);
            Assert.Null(rollback.DeploymentId);
            Assert.Equal(OursServiceDeployment, rollback.ServiceDeploymentArn);
            Assert.Equal(TaskDefinition1, rollback.TaskDefinitionArn);
            AssertNothingWritten(ecs);
        }

        [Fact]
        public async Task A_hook_answered_while_the_user_confirmed_is_DeploymentNotPaused_and_nothing_is_sent()
        {
            var ecs = NativeInFlightEcs("IN_PROGRESS", Hook("waiting", "AWAITING_ACTION"));
            var planner = Planner(ecs);
            var plan = await planner.PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);
            // Someone approved it during the confirmation prompt.
            ecs.ServiceDeployments[OursServiceDeployment].LifecycleHookDetails = new[] { Hook("waiting", "SUCCEEDED") };

            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => planner.ExecuteAsync(plan, CancellationToken.None));

            Assert.Equal("DeploymentNotPaused", ex.Error.Id);
            Assert.Contains("no longer waits at PAUSE hook waiting", ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, ecs.CallCount("ContinueServiceDeployment"));
            AssertNothingWritten(ecs);
        }

        [Fact]
        public async Task Without_the_arn_the_paused_hook_is_found_among_the_service_deployments_in_progress()
        {
            var ecs = NativeInFlightEcs("IN_PROGRESS", Hook("waiting", "AWAITING_ACTION"));

            var plan = await Planner(ecs).PlanAsync(Undone(), null, CancellationToken.None);

            Assert.Equal(OursServiceDeployment, plan.PausedAt!.ServiceDeployment.ServiceDeploymentArn);
            Assert.Equal(1, ecs.CallCount("ListServiceDeployments"));
        }

        [Fact]
        public async Task A_native_deployment_in_flight_but_not_paused_is_stopped_with_ROLLBACK()
        {
            var ecs = NativeInFlightEcs("IN_PROGRESS", Hook("done", "SUCCEEDED"));
            var planner = Planner(ecs);

            var plan = await planner.PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None);
            await planner.ExecuteAsync(plan, CancellationToken.None);

            Assert.Null(plan.PausedAt);
            Assert.Equal((OursServiceDeployment, "ROLLBACK"), Assert.Single(ecs.Stops));
            Assert.Equal(0, ecs.CallCount("ContinueServiceDeployment"));
        }

        [Theory]
        [InlineData("ROLLBACK_REQUESTED")]
        [InlineData("ROLLBACK_IN_PROGRESS")]
        [InlineData("ROLLBACK_SUCCESSFUL")]
        public async Task A_deployment_ECS_already_rolls_back_is_DeploymentAlreadyRolledBack_and_changes_nothing(string status)
        {
            var ecs = NativeInFlightEcs(status);
            ecs.Services[ServiceName].Deployments[0].RolloutState = "FAILED";

            var error = await Assert.ThrowsAsync<EcsBlueGreenException>(() => Planner(ecs).PlanAsync(Undone(serviceDeploymentArn: OursServiceDeployment), null, CancellationToken.None));

            Assert.Equal("DeploymentAlreadyRolledBack", error.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.InvalidOperation, error.Error.Kind);
            Assert.Contains($"(status {status})", error.Message);
            Assert.Equal(0, ecs.CallCount("ContinueServiceDeployment"));
            AssertNothingWritten(ecs);
        }
}
}
