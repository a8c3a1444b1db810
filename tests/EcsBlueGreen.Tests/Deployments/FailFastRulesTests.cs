using System.Collections.Generic;
using EcsBlueGreen.Deployments;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments
{
    public class FailFastRulesTests
    {
        private static StoppedTaskInfo Task(string reason, string code, int? exit = null) => new StoppedTaskInfo
        {
            TaskId = "t" + reason.GetHashCode(), StoppedReason = reason, StopCode = code,
            Containers = new List<ContainerExit> { new ContainerExit { Name = "myapplication", ExitCode = exit } },
        };

        [Fact]
        public void An_image_that_cannot_be_pulled_fails_at_once()
        {
            var verdict = FailFastRules.Check(new[] { Task("CannotPullContainerError: pull image manifest has been retried 5 time(s): not found", "TaskFailedToStart") }, 3);
            Assert.Equal(DeploymentStatus.Failed, verdict.Status);
            Assert.Equal(VerdictCause.ImagePull, verdict.Cause);
            Assert.StartsWith("CannotPullContainerError", verdict.EcsReason);
            Assert.Single(verdict.Proof);
        }

        [Fact]
        public void One_container_exit_is_not_enough_two_are()
        {
            var one = new[] { Task("Essential container in task exited", "EssentialContainerExited", 1) };
            Assert.Equal(DeploymentStatus.InProgress, FailFastRules.Check(one, 3).Status);
            var two = new[] { one[0], Task("Essential container in task exited ", "EssentialContainerExited", 1) };
            var verdict = FailFastRules.Check(two, 3);
            Assert.Equal(DeploymentStatus.Failed, verdict.Status);
            Assert.Equal(VerdictCause.ContainerExits, verdict.Cause);
            Assert.Equal(2, verdict.Proof.Count);
            Assert.All(verdict.Proof, t => Assert.Equal(1, t.Containers[0].ExitCode));
        }

        [Fact]
        public void Elb_failures_count_against_the_circuit_breaker_threshold()
        {
            var reason = "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/myservice-myapplication/1)";
            var two = new[] { Task(reason, "ServiceSchedulerInitiated"), Task(reason + " ", "ServiceSchedulerInitiated") };
            Assert.Equal(DeploymentStatus.InProgress, FailFastRules.Check(two, 3).Status);
            Assert.Equal(DeploymentStatus.Failed, FailFastRules.Check(two, 2).Status);
        }

        [Fact]
        public void Tasks_the_scheduler_replaced_are_not_failures()
        {
            var replaced = new[] { Task("Scaling activity initiated by (deployment ecs-svc/1)", "ServiceSchedulerInitiated"), Task("Scaling activity initiated by (deployment ecs-svc/1) ", "ServiceSchedulerInitiated") };
            Assert.Equal(DeploymentStatus.InProgress, FailFastRules.Check(replaced, 1).Status);
        }
    }
}
