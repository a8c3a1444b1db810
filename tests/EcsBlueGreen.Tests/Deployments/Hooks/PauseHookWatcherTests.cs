using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Deployments.Hooks;
using EcsBlueGreen.Ecs.Model;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments.Hooks
{
    public class PauseHookWatcherTests
    {
        private const string SdArn = "arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/myservice-myapplication/2";
        private const string TestUrl = "http://my-lb-1234.us-west-2.elb.amazonaws.com:8080/";
        private const string ProductionUrl = "https://my-lb-1234.us-west-2.elb.amazonaws.com:443/";
        private static readonly WaitOptions Options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(30) };

        /// <summary>Records each check it runs and answers with the decision given for its stage.</summary>
        private sealed class RecordingRunner : IPauseHookRunner
        {
            private readonly Dictionary<string, HookDecision> _checks;

            public RecordingRunner(string stage, HookDecision decision)
            {
                _checks = new Dictionary<string, HookDecision> { [stage] = decision };
            }

            public List<(string Stage, EcsDeployment Deployment)> Runs { get; } = new List<(string, EcsDeployment)>();

            public IReadOnlyList<string> Stages => _checks.Keys.ToList();

            public bool HasCheckFor(string stage) => _checks.ContainsKey(stage);

            public Task<HookDecision> RunAsync(string stage, EcsDeployment deployment, CancellationToken cancellationToken)
            {
                Runs.Add((stage, deployment));
                return Task.FromResult(_checks[stage]);
            }
        }

        private sealed class World
        {
            public FakeEcs Ecs { get; } = SeededEcs();
            public FakeElb Elb { get; } = FakeElb.TwoListeners();
            public RecordingReporter Reporter { get; } = new RecordingReporter();
            public FakeTimeProvider Clock { get; } = new FakeTimeProvider(T0);
            public EcsService Service { get; }
            public ServiceDeployment Sd { get; }

            public World(DeploymentConfiguration configuration, string stage, string hookId, double productionWeight)
            {
                Service = FakeElb.NativeService();
                Service.DeploymentConfiguration = configuration;
                Service.Deployments = new List<DeploymentEntry>
                {
                    Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "IN_PROGRESS", T0),
                    Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
                };
                Ecs.Services[ServiceName] = Service;
                Sd = new ServiceDeployment
                {
                    ServiceDeploymentArn = SdArn,
                    Status = "IN_PROGRESS",
                    LifecycleStage = stage,
                    TargetRequestedTaskCount = 2,
                    TargetRunningTaskCount = 2,
                    TargetProductionTrafficWeight = productionWeight,
                    TargetTestTrafficWeight = 100,
                    DeploymentConfiguration = configuration,
                    LifecycleHookDetails = new[] { Run(hookId, LifecycleHookValues.AwaitingAction) },
                };
                Ecs.ServiceDeployments[SdArn] = Sd;
            }

            public Task<IReadOnlyList<EcsDeployment>> Wait(IPauseHookRunner runner, params string[] checkedStages) =>
                new DeploymentWatcher(_ => Ecs, Reporter, Clock)
                    .WithPauseHooks(runner, checkedStages, _ => Elb)
                    .WaitAsync(new[] { Ours() }, Options, CancellationToken.None);

            public void Succeed(string hookId)
            {
                Sd.Status = "SUCCESSFUL";
                Sd.LifecycleStage = LifecycleStages.CleanUp;
                Sd.TargetProductionTrafficWeight = 100;
                Sd.FinishedAt = T0.AddMinutes(5);
                Sd.LifecycleHookDetails = new[] { Run(hookId, LifecycleHookValues.Succeeded) };
                Service.Deployments = new List<DeploymentEntry> { Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0) };
            }

            public void RollBack(string hookId, string hookStatus)
            {
                Sd.Status = "ROLLBACK_SUCCESSFUL";
                Sd.TargetProductionTrafficWeight = 0;
                Sd.FinishedAt = T0.AddMinutes(5);
                Sd.LifecycleHookDetails = new[] { Run(hookId, hookStatus) };
                Service.Deployments = new List<DeploymentEntry> { Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)) };
            }
        }

        private static LifecycleHookDetail Run(string hookId, string status) => new LifecycleHookDetail
        {
            HookId = hookId, TargetType = LifecycleHookValues.Pause, Status = status, ExpiresAt = T0.AddMinutes(30), TimeoutAction = LifecycleHookValues.Rollback,
        };

        private static DeploymentLifecycleHook Pause(string stage) => new DeploymentLifecycleHook
        {
            TargetType = LifecycleHookValues.Pause, LifecycleStages = new[] { stage }, TimeoutInMinutes = 30, TimeoutAction = LifecycleHookValues.Rollback,
        };

        private static DeploymentConfiguration BlueGreen(string pauseAt) => new DeploymentConfiguration
        {
            Strategy = DeploymentStrategies.BlueGreen, BakeTimeInMinutes = 5, LifecycleHooks = new[] { Pause(pauseAt) },
        };

        private static EcsDeployment Ours() => new EcsDeployment
        {
            Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/2", ServiceDeploymentArn = SdArn, TaskDefinitionArn = TaskDefinition2, StartedAt = T0,
        };

        /// <summary>Advances the fake clock one poll at a time until the wait ends (no real sleeping).</summary>
        private static async Task<T> Drive<T>(Task<T> wait, FakeTimeProvider clock, int maxSteps = 1000)
        {
            for (var i = 0; i < maxSteps && !wait.IsCompleted; i++)
            {
                await Task.Yield();
                clock.Advance(Options.PollInterval);
            }

            Assert.True(wait.IsCompleted, "the wait did not end");
            return await wait;
        }

        [Fact]
        public async Task A_passing_check_sends_continue_once_and_the_wait_goes_on_to_success()
        {
            var world = new World(BlueGreen(LifecycleStages.PostTestTrafficShift), LifecycleStages.PostTestTrafficShift, "h1", 0);
            // Poll 2 still shows the run waiting (ECS lags the answer); poll 3 shows the deployment done.
            world.Ecs.OnDescribeServices = call =>
            {
                if (call == 3)
                {
                    world.Succeed("h1");
                }
            };
            var runner = new RecordingRunner(LifecycleStages.PostTestTrafficShift, HookDecision.Continue());

            var result = await Drive(world.Wait(runner, LifecycleStages.PostTestTrafficShift), world.Clock);

            var (stage, snapshot) = Assert.Single(runner.Runs);
            Assert.Equal(LifecycleStages.PostTestTrafficShift, stage);
            Assert.Equal("h1", snapshot.PendingHook!.HookId);
            Assert.Equal(LifecycleStages.PostTestTrafficShift, snapshot.PendingHook.Stage);
            Assert.Equal(LifecycleStages.PostTestTrafficShift, snapshot.LifecycleStage);
            Assert.Equal(DeploymentStatus.InProgress, snapshot.Status);
            Assert.Null(snapshot.Verdict);
            Assert.Equal(TestUrl, snapshot.TestEndpoint!.Url);
            Assert.Equal(new Dictionary<string, string> { ["x-blue-green"] = "test" }, snapshot.TestEndpoint.Headers);
            Assert.Equal(ProductionUrl, snapshot.ProductionEndpoint!.Url);
            Assert.Null(snapshot.TrafficStep);
            Assert.Null(snapshot.NextProductionTrafficWeight);

            Assert.Equal(new[] { (SdArn, "h1", (string?)"CONTINUE") }, world.Ecs.Continues);
            Assert.Equal(1, world.Ecs.CallCount("ContinueServiceDeployment"));
            Assert.Equal(3, world.Elb.Calls.Values.Sum());

            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
            Assert.Equal(3, world.Ecs.CallCount("DescribeServices"));
            var hook = Assert.Single(deployment.Hooks);
            Assert.Equal("h1", hook.HookId);
            Assert.Equal("CONTINUE", hook.Action);
            Assert.Null(hook.Message);
            Assert.Equal(LifecycleHookValues.Succeeded, hook.Status);
            // Nothing said the deployment waits for someone else's answer.
            Assert.Empty(world.Reporter.Warnings);
        }

        [Fact]
        public async Task A_failing_check_sends_rollback_and_the_verdict_carries_its_message()
        {
            var world = new World(BlueGreen(LifecycleStages.PostTestTrafficShift), LifecycleStages.PostTestTrafficShift, "h1", 0);
            world.Ecs.OnDescribeServices = call =>
            {
                if (call == 3)
                {
                    world.RollBack("h1", LifecycleHookValues.Failed);
                }
            };
            var runner = new RecordingRunner(LifecycleStages.PostTestTrafficShift, HookDecision.Rollback("smoke failed"));

            var result = await Drive(world.Wait(runner, LifecycleStages.PostTestTrafficShift), world.Clock);

            Assert.Single(runner.Runs);
            Assert.Equal(new[] { (SdArn, "h1", (string?)"ROLLBACK") }, world.Ecs.Continues);
            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
            Assert.Equal(VerdictCause.Hook, deployment.Verdict!.Cause);
            Assert.Equal(RollbackProgress.Completed, deployment.Verdict.Rollback);
            Assert.Equal("h1", deployment.Verdict.Hook!.HookId);
            Assert.Equal(LifecycleStages.PostTestTrafficShift, deployment.Verdict.Hook.Stage);
            Assert.Equal("ROLLBACK", deployment.Verdict.Hook.Action);
            Assert.Equal("smoke failed", deployment.Verdict.Hook.Message);
            Assert.Equal("ROLLBACK", Assert.Single(deployment.Hooks).Action);
            Assert.Equal("smoke failed", deployment.Hooks[0].Message);
            Assert.Contains(world.Reporter.Information, m => m.IsFailure && m.Text.Contains("ROLLBACK sent for PAUSE hook h1 at POST_TEST_TRAFFIC_SHIFT: smoke failed.", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_decision_ECS_refuses_is_warned_about_and_the_check_is_not_run_again()
        {
            var world = new World(BlueGreen(LifecycleStages.PostTestTrafficShift), LifecycleStages.PostTestTrafficShift, "h1", 0);
            world.Ecs.Refuse("ContinueServiceDeployment", "InvalidParameterException", 400);
            // Two more polls show the run still waiting; then it expires and ECS rolls back.
            world.Ecs.OnDescribeServices = call =>
            {
                if (call == 4)
                {
                    world.RollBack("h1", LifecycleHookValues.TimedOut);
                }
            };
            var runner = new RecordingRunner(LifecycleStages.PostTestTrafficShift, HookDecision.Continue());

            var result = await Drive(world.Wait(runner, LifecycleStages.PostTestTrafficShift), world.Clock);

            Assert.Single(runner.Runs);
            Assert.Empty(world.Ecs.Continues);
            Assert.Equal(1, world.Ecs.CallCount("ContinueServiceDeployment"));
            Assert.Equal(4, world.Ecs.CallCount("DescribeServices"));
            var warning = Assert.Single(world.Reporter.Warnings);
            Assert.Contains("ECS did not take CONTINUE for PAUSE hook h1 at POST_TEST_TRAFFIC_SHIFT: InvalidParameterException", warning, StringComparison.Ordinal);
            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
            Assert.Equal(VerdictCause.HookTimeout, deployment.Verdict!.Cause);
            // ECS never took the answer, so nothing says it was given.
            Assert.Null(deployment.Verdict.Hook!.Action);
            Assert.Null(Assert.Single(deployment.Hooks).Action);
            Assert.Equal("ECS refused the check's CONTINUE: InvalidParameterException", deployment.Hooks[0].Message);
        }

        [Fact]
        public async Task A_decision_lost_to_a_server_error_is_sent_again_at_the_next_poll_without_running_the_check_again()
        {
            var world = new World(BlueGreen(LifecycleStages.PostTestTrafficShift), LifecycleStages.PostTestTrafficShift, "h1", 0);
            // The first ContinueServiceDeployment fails with a 503 (the client's retries spent); ECS answers again by poll 2.
            world.Ecs.Refuse("ContinueServiceDeployment", "ServiceUnavailableException", 503);
            world.Ecs.OnDescribeServices = call =>
            {
                if (call == 2)
                {
                    world.Ecs.Refusals.Remove("ContinueServiceDeployment");
                }
                else if (call == 3)
                {
                    world.Succeed("h1");
                }
            };
            var runner = new RecordingRunner(LifecycleStages.PostTestTrafficShift, HookDecision.Rollback("smoke failed"));

            var result = await Drive(world.Wait(runner, LifecycleStages.PostTestTrafficShift), world.Clock);

            Assert.Single(runner.Runs);
            Assert.Equal(2, world.Ecs.CallCount("ContinueServiceDeployment"));
            Assert.Equal(new[] { (SdArn, "h1", (string?)"ROLLBACK") }, world.Ecs.Continues);
            Assert.Equal(DeploymentStatus.Succeeded, Assert.Single(result).Status);
        }

        [Fact]
        public async Task A_decision_never_delivered_is_not_shown_as_given_when_ECS_times_the_hook_out()
        {
            var world = new World(BlueGreen(LifecycleStages.PostTestTrafficShift), LifecycleStages.PostTestTrafficShift, "h1", 0);
            // Every ContinueServiceDeployment fails with a 503 until ECS applies the hook's timeout at poll 3.
            world.Ecs.Refuse("ContinueServiceDeployment", "ServiceUnavailableException", 503);
            world.Ecs.OnDescribeServices = call =>
            {
                if (call == 3)
                {
                    world.RollBack("h1", LifecycleHookValues.TimedOut);
                }
            };
            var runner = new RecordingRunner(LifecycleStages.PostTestTrafficShift, HookDecision.Rollback("smoke failed"));

            var result = await Drive(world.Wait(runner, LifecycleStages.PostTestTrafficShift), world.Clock);

            Assert.Single(runner.Runs);
            Assert.Equal(2, world.Ecs.CallCount("ContinueServiceDeployment"));
            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
            Assert.Equal(VerdictCause.HookTimeout, deployment.Verdict!.Cause);
            Assert.Null(deployment.Verdict.Hook!.Action);
            Assert.Null(deployment.Verdict.Hook.Message);
            Assert.Null(Assert.Single(deployment.Hooks).Action);
        }

        [Fact]
        public async Task A_check_for_a_stage_without_a_pause_hook_never_runs_and_the_pause_is_returned_awaiting_approval()
        {
            var world = new World(BlueGreen(LifecycleStages.PostTestTrafficShift), LifecycleStages.TestTrafficShift, "h1", 0);
            // Poll 1 is before the pause (no hook run yet); poll 2 finds it waiting.
            world.Sd.LifecycleHookDetails = Array.Empty<LifecycleHookDetail>();
            world.Ecs.OnDescribeServices = call =>
            {
                if (call == 2)
                {
                    world.Sd.LifecycleStage = LifecycleStages.PostTestTrafficShift;
                    world.Sd.LifecycleHookDetails = new[] { Run("h1", LifecycleHookValues.AwaitingAction) };
                }
            };
            var runner = new RecordingRunner(LifecycleStages.PostScaleUp, HookDecision.Continue());

            var result = await Drive(world.Wait(runner, LifecycleStages.PostScaleUp), world.Clock);

            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.AwaitingApproval, deployment.Status);
            Assert.Equal("h1", deployment.Verdict!.Hook!.HookId);
            Assert.Null(deployment.Verdict.Hook.Action);
            Assert.Equal(2, world.Ecs.CallCount("DescribeServices"));
            Assert.Empty(runner.Runs);
            Assert.Empty(world.Ecs.Continues);
            Assert.Empty(world.Elb.Calls);
            Assert.Single(world.Reporter.Warnings, w => w.Contains("-Hook PostScaleUp will not run", StringComparison.Ordinal));
            Assert.Single(world.Reporter.Warnings, w => w.Contains("nothing in this wait answers it; the deployment is returned AwaitingApproval", StringComparison.Ordinal));
            Assert.Equal(2, world.Reporter.Warnings.Count);
        }

        [Fact]
        public async Task A_canary_paused_before_its_second_production_step_tells_the_check_step_2_of_2_to_100()
        {
            var canary = new DeploymentConfiguration
            {
                Strategy = DeploymentStrategies.Canary, CanaryPercent = 10, CanaryBakeTimeInMinutes = 5,
                LifecycleHooks = new[] { Pause(LifecycleStages.PreProductionTrafficShift) },
            };
            // ECS reports PRODUCTION_TRAFFIC_SHIFT while a PRE_PRODUCTION_TRAFFIC_SHIFT hook runs.
            var world = new World(canary, LifecycleStages.ProductionTrafficShift, "h2", 10);
            world.Ecs.OnDescribeServices = call =>
            {
                if (call == 2)
                {
                    world.Succeed("h2");
                }
            };
            var runner = new RecordingRunner(LifecycleStages.PreProductionTrafficShift, HookDecision.Continue());

            var result = await Drive(world.Wait(runner, LifecycleStages.PreProductionTrafficShift), world.Clock);

            var (stage, snapshot) = Assert.Single(runner.Runs);
            Assert.Equal(LifecycleStages.PreProductionTrafficShift, stage);
            Assert.Equal(LifecycleStages.PreProductionTrafficShift, snapshot.PendingHook!.Stage);
            Assert.Equal("h2", snapshot.PendingHook.HookId);
            Assert.Equal(LifecycleStages.ProductionTrafficShift, snapshot.LifecycleStage);
            Assert.Equal(DeploymentStrategies.Canary, snapshot.Strategy);
            Assert.Equal(10, snapshot.ProductionTrafficWeight);
            Assert.Equal(2, snapshot.TrafficStep);
            Assert.Equal(2, snapshot.TrafficStepCount);
            Assert.Equal(100, snapshot.NextProductionTrafficWeight);
            Assert.Equal(TestUrl, snapshot.TestEndpoint!.Url);
            Assert.Equal(new[] { (SdArn, "h2", (string?)"CONTINUE") }, world.Ecs.Continues);
            Assert.Equal(DeploymentStatus.Succeeded, Assert.Single(result).Status);
        }
    }
}
