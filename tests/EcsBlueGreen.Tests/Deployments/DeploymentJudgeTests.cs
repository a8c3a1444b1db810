using System.Collections.Generic;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments
{
    public class DeploymentJudgeTests
    {
        private static EcsDeployment Ours(string id = "ecs-svc/2") => new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = id, TaskDefinitionArn = TaskDefinition2 };

        [Fact]
        public void Primary_completed_alone_with_all_tasks_running_is_succeeded()
        {
            var service = SteadyService("ecs-svc/2", TaskDefinition2);
            Assert.Equal(DeploymentStatus.Succeeded, DeploymentJudge.Judge(Ours(), service, null).Status);
        }

        [Fact]
        public void Completed_but_old_deployment_still_draining_is_in_progress()
        {
            var service = SteadyService();
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 0, "COMPLETED", T0.AddHours(-1)),
            };
            Assert.Equal(DeploymentStatus.InProgress, DeploymentJudge.Judge(Ours(), service, null).Status);
        }

        [Fact]
        public void Failed_with_old_deployment_rolling_back_is_rolled_back_not_succeeded()
        {
            var service = SteadyService();
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 2, "IN_PROGRESS", T0.AddHours(-1), "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1."),
                Entry("ecs-svc/2", "ACTIVE", TaskDefinition2, 0, "FAILED", T0, "ECS deployment circuit breaker: tasks failed to start.", 3),
            };
            var verdict = DeploymentJudge.Judge(Ours(), service, null);
            Assert.Equal(DeploymentStatus.RolledBack, verdict.Status);
            Assert.Equal("ecs-svc/1", verdict.RolledBackTo);
            Assert.Equal(VerdictCause.CircuitBreaker, verdict.Cause);
            Assert.Equal(RollbackProgress.InProgress, verdict.Rollback);
            Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", verdict.EcsReason);
        }

        [Fact]
        public void Rolled_back_per_the_api_while_an_older_describe_still_shows_ours_primary_names_the_completed_one()
        {
            // DescribeServices answered a moment before ECS switched back; DescribeServiceDeployments after.
            var service = SteadyService();
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 0, "IN_PROGRESS", T0),
                Entry("ecs-svc/0", "ACTIVE", TaskDefinition1, 0, "COMPLETED", T0.AddHours(-2)),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            };
            var sd = new ServiceDeployment { ServiceDeploymentArn = "arn:sd/2", Status = "ROLLBACK_IN_PROGRESS", CircuitBreakerStatus = "TRIGGERED" };
            var verdict = DeploymentJudge.Judge(Ours(), service, sd);
            Assert.Equal(DeploymentStatus.RolledBack, verdict.Status);
            Assert.Equal("ecs-svc/1", verdict.RolledBackTo);
        }

        [Fact]
        public void Force_new_deployment_rolled_back_to_the_same_task_definition_is_not_succeeded()
        {
            // Both deployments run revision 1: a task-definition compare would call this a success.
            var service = SteadyService();
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1), "ECS deployment ecs-svc/1 completed."),
            };
            service.Events = new List<ServiceEvent>
            {
                Event(T0.AddMinutes(5), $"(service {ServiceName}) has reached a steady state."),
                Event(T0.AddMinutes(2), $"(service {ServiceName}) rolling back to deployment ecs-svc/1."),
                Event(T0.AddMinutes(2), $"(service {ServiceName}) (deployment ecs-svc/2) deployment failed: tasks failed to start."),
            };
            var ours = new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/2", TaskDefinitionArn = TaskDefinition1 };
            Assert.Equal(DeploymentStatus.RolledBack, DeploymentJudge.Judge(ours, service, null).Status);
        }

        [Fact]
        public void Failed_without_rollback_is_failed()
        {
            var service = SteadyService();
            service.DeploymentConfiguration.CircuitBreakerRollback = false;
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 0, "FAILED", T0, "ECS deployment circuit breaker: tasks failed to start.", 3),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            };
            var verdict = DeploymentJudge.Judge(Ours(), service, null);
            Assert.Equal(DeploymentStatus.Failed, verdict.Status);
            Assert.Equal(VerdictCause.CircuitBreaker, verdict.Cause);
            Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", verdict.EcsReason);
            Assert.True(verdict.RollbackDisabled);
        }

        [Fact]
        public void Replaced_by_someone_elses_newer_deployment_is_stopped()
        {
            var service = SteadyService();
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/3", "PRIMARY", TaskDefinition1, 0, "IN_PROGRESS", T0.AddMinutes(1), "ECS deployment ecs-svc/3 in progress."),
                Entry("ecs-svc/2", "ACTIVE", TaskDefinition2, 1, "IN_PROGRESS", T0),
            };
            var verdict = DeploymentJudge.Judge(Ours(), service, null);
            Assert.Equal(DeploymentStatus.Stopped, verdict.Status);
            Assert.Equal(VerdictCause.NewerDeployment, verdict.Cause);
            Assert.Equal("ecs-svc/3", verdict.ReplacedBy);
            Assert.Equal(TaskDefinition1, verdict.ReplacedByTaskDefinition);
        }

        [Fact]
        public void Service_deployment_rollback_by_user_is_rolled_back_and_says_who()
        {
            var service = SteadyService();
            service.Deployments = new List<DeploymentEntry> { Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 1, "IN_PROGRESS", T0) };
            var sd = new ServiceDeployment { ServiceDeploymentArn = "arn:sd/2", Status = "ROLLBACK_IN_PROGRESS", CircuitBreakerStatus = "MONITORING" };
            var verdict = DeploymentJudge.Judge(Ours(), service, sd);
            Assert.Equal(DeploymentStatus.RolledBack, verdict.Status);
            Assert.Equal(VerdictCause.RollbackRequest, verdict.Cause);
        }

        [Fact]
        public void Missing_service_is_failed()
        {
            Assert.Equal(DeploymentStatus.Failed, DeploymentJudge.Judge(Ours(), null, null).Status);
        }

        [Fact]
        public void Gone_from_deployments_after_its_completion_event_is_succeeded()
        {
            var service = SteadyService("ecs-svc/3", TaskDefinition2);
            service.Events = new List<ServiceEvent> { Event(T0.AddMinutes(3), $"(service {ServiceName}) (deployment ecs-svc/2) deployment completed.") };
            Assert.Equal(DeploymentStatus.Succeeded, DeploymentJudge.Judge(Ours(), service, null).Status);
        }

        [Fact]
        public void Requested_rollback_follows_its_service_deployment()
        {
            var rollback = new EcsDeployment { Kind = DeploymentKind.Rollback, Cluster = Cluster, Service = ServiceName, ServiceDeploymentArn = "arn:sd/2", TaskDefinitionArn = TaskDefinition1 };
            var service = SteadyService();
            Assert.Equal(DeploymentStatus.InProgress, DeploymentJudge.Judge(rollback, service, new ServiceDeployment { Status = "ROLLBACK_IN_PROGRESS" }).Status);
            Assert.Equal(DeploymentStatus.Succeeded, DeploymentJudge.Judge(rollback, service, new ServiceDeployment { Status = "ROLLBACK_SUCCESSFUL" }).Status);
            Assert.Equal(DeploymentStatus.Failed, DeploymentJudge.Judge(rollback, service, new ServiceDeployment { Status = "ROLLBACK_FAILED" }).Status);
        }
        [Fact]
        public void Completed_then_replaced_by_a_newer_deployment_is_still_succeeded()
        {
            var service = SteadyService();
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/3", "PRIMARY", TaskDefinition1, 0, "IN_PROGRESS", T0.AddMinutes(5)),
                Entry("ecs-svc/2", "ACTIVE", TaskDefinition2, 2, "COMPLETED", T0, "ECS deployment ecs-svc/2 completed."),
            };
            var verdict = DeploymentJudge.Judge(Ours(), service, null);
            Assert.Equal(DeploymentStatus.Succeeded, verdict.Status);
            Assert.Equal("ecs-svc/3", verdict.ReplacedBy);
        }

        [Fact]
        public void A_failed_rollback_is_failed_not_rolled_back()
        {
            var service = SteadyService();
            service.Deployments = new List<DeploymentEntry> { Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 0, "FAILED", T0, "ECS deployment circuit breaker: tasks failed to start.", 3) };
            var verdict = DeploymentJudge.Judge(Ours(), service, new ServiceDeployment { Status = "ROLLBACK_FAILED", CircuitBreakerStatus = "TRIGGERED" });
            Assert.Equal(DeploymentStatus.Failed, verdict.Status);
            Assert.Equal(RollbackProgress.Failed, verdict.Rollback);
            Assert.Equal(VerdictCause.CircuitBreaker, verdict.Cause);

            // Without the API: the breaker had nothing to roll back to; the reason must not claim rollback is off.
            var fallback = DeploymentJudge.Judge(Ours(), service, null);
            Assert.Equal(DeploymentStatus.Failed, fallback.Status);
            Assert.Equal(RollbackProgress.None, fallback.Rollback);
            Assert.False(fallback.RollbackDisabled);
        }
    }
}
