using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments
{
    public class PauseApprovalTests
    {
        private const string Arn = "arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/myservice-bluegreen/abc";

        private static LifecycleHookDetail Hook(string status) =>
            new LifecycleHookDetail { HookId = "h1", TargetType = "PAUSE", Status = status, TimeoutAction = "ROLLBACK" };

        private static FakeEcs PausedEcs()
        {
            var ecs = new FakeEcs();
            ecs.ServiceDeployments[Arn] = new ServiceDeployment
            {
                ServiceDeploymentArn = Arn, Status = "IN_PROGRESS", LifecycleStage = "POST_TEST_TRAFFIC_SHIFT",
                LifecycleHookDetails = new[] { Hook("AWAITING_ACTION") },
            };
            return ecs;
        }

        [Fact]
        public async Task The_hook_ECS_still_holds_is_continued_once()
        {
            var ecs = PausedEcs();
            var paused = await PauseApproval.FindAsync(ecs, "myservice", "myservice-bluegreen", Arn, CancellationToken.None);

            var next = await PauseApproval.ContinueAsync(ecs, new EcsDeployment { Cluster = "myservice", Service = "myservice-bluegreen" }, paused, CancellationToken.None);

            Assert.Equal((Arn, "h1", (string?)"CONTINUE"), Assert.Single(ecs.Continues));
            Assert.Equal(Arn, next.ServiceDeploymentArn);
        }

        [Fact]
        public async Task A_hook_answered_while_the_user_confirmed_is_DeploymentNotPaused_and_nothing_is_sent()
        {
            var ecs = PausedEcs();
            var paused = await PauseApproval.FindAsync(ecs, "myservice", "myservice-bluegreen", Arn, CancellationToken.None);
            ecs.ServiceDeployments[Arn].LifecycleHookDetails = new[] { Hook("TIMED_OUT") };

            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() =>
                PauseApproval.ContinueAsync(ecs, new EcsDeployment { Cluster = "myservice", Service = "myservice-bluegreen" }, paused, CancellationToken.None));

            Assert.Equal("DeploymentNotPaused", ex.Error.Id);
            Assert.Contains("no longer waits at PAUSE hook h1", ex.Message, System.StringComparison.Ordinal);
            Assert.Empty(ecs.Continues);
        }
    }
}
