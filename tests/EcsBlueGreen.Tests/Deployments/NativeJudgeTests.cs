using System.Collections.Generic;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments
{
    public class NativeJudgeTests
    {
        private const string FailLambda = "arn:aws:lambda:us-east-1:123456789012:function:hook-fail";

        private static EcsDeployment Ours() => new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/2", ServiceDeploymentArn = "arn:sd/2", TaskDefinitionArn = TaskDefinition2 };

        private static EcsService BlueGreenService(params DeploymentLifecycleHook[] hooks)
        {
            var service = SteadyService();
            service.DeploymentConfiguration.Strategy = DeploymentStrategies.Canary;
            service.DeploymentConfiguration.LifecycleHooks = hooks;
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            };
            return service;
        }

        private static DeploymentLifecycleHook Pause(params string[] stages) =>
            new DeploymentLifecycleHook { TargetType = "PAUSE", LifecycleStages = stages, TimeoutInMinutes = 5, TimeoutAction = "ROLLBACK" };

        private static ServiceDeployment Sd(string status, string stage, params LifecycleHookDetail[] hooks) => new ServiceDeployment
        {
            ServiceDeploymentArn = "arn:sd/2",
            Status = status,
            LifecycleStage = stage,
            LifecycleHookDetails = hooks,
            TargetRunningTaskCount = 2,
            TargetRequestedTaskCount = 2,
        };

        [Fact]
        public void A_native_deployment_that_looks_steady_mid_bake_is_in_progress_until_ecs_says_successful()
        {
            // deployments[] alone (the rolling rule) would call this steady once blue is gone.
            var service = BlueGreenService();
            service.Deployments = new List<DeploymentEntry> { Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0) };
            Assert.Equal(DeploymentStatus.Succeeded, DeploymentJudge.Judge(Ours(), service, null).Status);
            Assert.Equal(DeploymentStatus.InProgress, DeploymentJudge.Judge(Ours(), service, Sd("IN_PROGRESS", "BAKE_TIME")).Status);
            var done = DeploymentJudge.Judge(Ours(), service, Sd("SUCCESSFUL", "CLEAN_UP"));
            Assert.Equal(DeploymentStatus.Succeeded, done.Status);
            Assert.Equal("CLEAN_UP", done.Stage);
            Assert.Equal(2, done.RunningCount);
        }

        [Fact]
        public void A_pause_hook_awaiting_action_is_awaiting_approval_with_the_hook_and_its_deadline()
        {
            var expires = T0.AddMinutes(5);
            var run = new LifecycleHookDetail { HookId = "h1", TargetType = "PAUSE", Status = "AWAITING_ACTION", ExpiresAt = expires, TimeoutAction = "ROLLBACK" };
            var verdict = DeploymentJudge.Judge(Ours(), BlueGreenService(Pause("POST_TEST_TRAFFIC_SHIFT")), Sd("IN_PROGRESS", "POST_TEST_TRAFFIC_SHIFT", run));
            Assert.Equal(DeploymentStatus.AwaitingApproval, verdict.Status);
            Assert.Equal(NextStep.ApproveOrRollBack, verdict.NextStep);
            Assert.Equal("h1", verdict.Hook!.HookId);
            Assert.Equal("POST_TEST_TRAFFIC_SHIFT", verdict.Hook.Stage);
            Assert.Equal(expires, verdict.Hook.ExpiresAt);
            Assert.Equal("ROLLBACK", verdict.Hook.TimeoutAction);
        }

        [Fact]
        public void A_pause_reported_in_production_traffic_shift_belongs_to_the_pre_production_stage()
        {
            var run = new LifecycleHookDetail { HookId = "h2", TargetType = "PAUSE", Status = "AWAITING_ACTION" };
            var verdict = DeploymentJudge.Judge(Ours(), BlueGreenService(Pause("POST_TEST_TRAFFIC_SHIFT", "PRE_PRODUCTION_TRAFFIC_SHIFT")), Sd("IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT", run));
            Assert.Equal("PRE_PRODUCTION_TRAFFIC_SHIFT", verdict.Hook!.Stage);
        }

        [Fact]
        public void A_failed_lambda_hook_is_named_with_its_stage()
        {
            var lambda = new DeploymentLifecycleHook { TargetType = "AWS_LAMBDA", HookTargetArn = FailLambda, LifecycleStages = new[] { "POST_SCALE_UP" } };
            var run = new LifecycleHookDetail { HookId = "h3", TargetType = "AWS_LAMBDA", TargetArn = FailLambda, Status = "FAILED" };
            var sd = Sd("ROLLBACK_IN_PROGRESS", "POST_SCALE_UP", run);
            sd.RollbackReason = "Service deployment rolled back because the lifecycle hook failed.";
            var verdict = DeploymentJudge.Judge(Ours(), BlueGreenService(lambda), sd);
            Assert.Equal(DeploymentStatus.RolledBack, verdict.Status);
            Assert.Equal(VerdictCause.Hook, verdict.Cause);
            Assert.Equal(FailLambda, verdict.Hook!.TargetArn);
            Assert.Equal("POST_SCALE_UP", verdict.Hook.Stage);
            Assert.Equal("POST_SCALE_UP", verdict.Stage);
            Assert.Equal(RollbackProgress.InProgress, verdict.Rollback);
            Assert.Equal("ecs-svc/1", verdict.RolledBackTo);
            Assert.Equal(sd.RollbackReason, verdict.EcsReason);
        }

        [Fact]
        public void The_stage_the_wait_saw_a_hook_begin_at_wins_over_the_stage_reported_later()
        {
            var run = new LifecycleHookDetail { HookId = "h4", TargetType = "PAUSE", Status = "FAILED" };
            var known = new Dictionary<string, string> { ["h4"] = "POST_TEST_TRAFFIC_SHIFT" };
            var verdict = DeploymentJudge.Judge(Ours(), BlueGreenService(Pause("POST_TEST_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT")),
                Sd("ROLLBACK_SUCCESSFUL", "POST_PRODUCTION_TRAFFIC_SHIFT", run), known);
            Assert.Equal("POST_TEST_TRAFFIC_SHIFT", verdict.Hook!.Stage);
            Assert.Equal(RollbackProgress.Completed, verdict.Rollback);
        }

        [Fact]
        public void A_paused_hook_that_expired_with_rollback_is_a_hook_timeout()
        {
            var run = new LifecycleHookDetail { HookId = "h5", TargetType = "PAUSE", Status = "TIMED_OUT", TimeoutAction = "ROLLBACK" };
            var verdict = DeploymentJudge.Judge(Ours(), BlueGreenService(Pause("POST_TEST_TRAFFIC_SHIFT")), Sd("ROLLBACK_IN_PROGRESS", "POST_TEST_TRAFFIC_SHIFT", run));
            Assert.Equal(VerdictCause.HookTimeout, verdict.Cause);
            Assert.Equal("h5", verdict.Hook!.HookId);
            Assert.Equal("ROLLBACK", verdict.Hook.TimeoutAction);
        }

        [Fact]
        public void An_expired_pause_whose_action_was_continue_did_not_end_it_so_the_alarm_is_named()
        {
            var run = new LifecycleHookDetail { HookId = "h6", TargetType = "PAUSE", Status = "TIMED_OUT", TimeoutAction = "CONTINUE" };
            var sd = Sd("ROLLBACK_IN_PROGRESS", "BAKE_TIME", run);
            sd.AlarmsStatus = "TRIGGERED";
            sd.TriggeredAlarmNames = new[] { "myservice-5xx" };
            var verdict = DeploymentJudge.Judge(Ours(), BlueGreenService(Pause("POST_TEST_TRAFFIC_SHIFT")), sd);
            Assert.Equal(VerdictCause.Alarm, verdict.Cause);
            Assert.Equal(new[] { "myservice-5xx" }, verdict.Alarms);
            Assert.Null(verdict.Hook);
            Assert.Equal("BAKE_TIME", verdict.Stage);
        }

        [Fact]
        public void Breaker_and_user_rollbacks_are_told_apart()
        {
            var service = BlueGreenService();
            var breaker = Sd("ROLLBACK_IN_PROGRESS", "SCALE_UP");
            breaker.CircuitBreakerStatus = "TRIGGERED";
            Assert.Equal(VerdictCause.CircuitBreaker, DeploymentJudge.Judge(Ours(), service, breaker).Cause);
            var user = Sd("ROLLBACK_REQUESTED", "BAKE_TIME");
            user.StatusReason = "Rollback requested by user.";
            var verdict = DeploymentJudge.Judge(Ours(), service, user);
            Assert.Equal(VerdictCause.RollbackRequest, verdict.Cause);
            Assert.Equal("Rollback requested by user.", verdict.EcsReason);
        }

        [Fact]
        public void A_rolling_service_keeps_the_rolling_verdicts()
        {
            var service = SteadyService("ecs-svc/2", TaskDefinition2);
            var run = new LifecycleHookDetail { HookId = "h7", TargetType = "PAUSE", Status = "AWAITING_ACTION" };
            // No strategy that shifts traffic: the hook list is ignored and the rolling rules decide.
            Assert.Equal(DeploymentStatus.Succeeded, DeploymentJudge.Judge(Ours(), service, Sd("IN_PROGRESS", "BAKE_TIME", run)).Status);
        }
    }
}
