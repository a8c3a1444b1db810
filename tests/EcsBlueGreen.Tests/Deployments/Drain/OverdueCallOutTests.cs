using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Deployments.Costs;
using EcsBlueGreen.Deployments.Drain;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Elb;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments.Drain
{
    /// <summary>
    /// The live overdue-drain call-out, through the watcher: one old task under scale-in protection
    /// holds the deployment after its only other target drained. AWS's clock runs an hour ahead of the
    /// local one; the call-out comes in the first poll past delay 30 s + stopTimeout 30 s + 60 s on
    /// AWS's clock, before the verdict, and names the task.
    /// </summary>
    public class OverdueCallOutTests
    {
        private const string TargetGroup = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/myservice-myapplication/0123456789abcdef";
        private const string HeldTask = "arn:aws:ecs:eu-west-2:123456789012:task/myservice/0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
        private static readonly TimeSpan AwsAhead = TimeSpan.FromHours(1);

        /// <summary>No target drains any more; the delay is 30 s.</summary>
        private sealed class DrainedElb : IElbApi
        {
            public Task<IReadOnlyDictionary<string, string>> DescribeTargetGroupAttributesAsync(string targetGroupArn, CancellationToken cancellationToken) =>
                Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { [ElbAttributeNames.DeregistrationDelaySeconds] = "30" });

            public Task<IReadOnlyList<ElbTargetHealth>> DescribeTargetHealthAsync(string targetGroupArn, IReadOnlyList<string>? targetIds, CancellationToken cancellationToken) =>
                Task.FromResult<IReadOnlyList<ElbTargetHealth>>(new[] { new ElbTargetHealth { TargetId = "10.0.0.9", Port = 8080, State = "healthy" } });

            public Task<IReadOnlyList<ElbTargetGroup>> DescribeTargetGroupsAsync(IReadOnlyList<string>? targetGroupArns, string? loadBalancerArn, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<IReadOnlyList<ElbListener>> DescribeListenersAsync(string? loadBalancerArn, IReadOnlyList<string>? listenerArns, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<IReadOnlyList<ElbRule>> DescribeRulesAsync(string? listenerArn, IReadOnlyList<string>? ruleArns, CancellationToken cancellationToken) => throw new NotSupportedException();

            public Task<IReadOnlyList<ElbLoadBalancer>> DescribeLoadBalancersAsync(IReadOnlyList<string> loadBalancerArns, CancellationToken cancellationToken) => throw new NotSupportedException();
        }

        /// <summary>The FakeEcs, telling AWS's time (an hour ahead of the local clock) and the held task's protection.</summary>
        private sealed class ProtectingEcs : ForwardingEcs, ITaskProtectionApi, IAwsServerTime
        {
            private readonly TimeProvider _local;

            public ProtectingEcs(FakeEcs inner, TimeProvider local)
                : base(inner)
            {
                _local = local;
            }

            public int ProtectionCalls { get; private set; }

            public DateTimeOffset? AwsNow => _local.GetUtcNow() + AwsAhead;

            public Task<IReadOnlyList<TaskProtection>> GetTaskProtectionAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken)
            {
                ProtectionCalls++;
                return Task.FromResult<IReadOnlyList<TaskProtection>>(taskArns.Select(a => new TaskProtection { TaskArn = a, ProtectionEnabled = a == HeldTask }).ToList());
            }
        }

        private sealed class Run
        {
            public DateTimeOffset? WarnedAt { get; set; }
            public List<string> Warnings { get; } = new List<string>();
            public EcsDeployment Verdict { get; set; } = null!;
            public int WarningsBeforeVerdict { get; set; }
            public int ProtectionCalls { get; set; }
        }

        /// <param name="newRunning">New tasks running (of 2).</param>
        /// <param name="deregisteredAt">Seconds after AWS's T0 of each "deregistered" event.</param>
        private static async Task<Run> Wait(int newRunning, params int[] deregisteredAt)
        {
            var clock = new TimerCountingClock(T0);
            var awsT0 = T0 + AwsAhead;
            var fake = SeededEcs();
            var service = fake.Services[ServiceName];
            service.LoadBalancers = new[] { new ServiceLoadBalancer { TargetGroupArn = TargetGroup, ContainerName = "app", ContainerPort = 8080 } };
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, newRunning, "IN_PROGRESS", awsT0.AddMinutes(-2)),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 1, "COMPLETED", awsT0.AddHours(-1)),
            };
            // ECS deregistered the unprotected old task's target; the protected one stays registered.
            service.Events = deregisteredAt.Reverse().Select(s => Event(awsT0.AddSeconds(s), $"(service {ServiceName}) deregistered 1 targets in (target-group {TargetGroup})")).ToList();
            fake.Tasks.Add(new EcsTask { TaskArn = HeldTask, TaskDefinitionArn = TaskDefinition1, StartedBy = "ecs-svc/1", LastStatus = "RUNNING", DesiredStatus = "RUNNING", StartedAt = awsT0.AddHours(-1) });
            var ecs = new ProtectingEcs(fake, clock);
            var reporter = new RecordingReporter();
            var run = new Run();
            var watcher = new DeploymentWatcher(_ => ecs, reporter, clock)
                .WithDrainObservation(new DrainObservation(_ => new DrainedElb(), PriceTable.Flat(0.04m, 0.004m, "USD", "test")));
            var ours = new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/2", TaskDefinitionArn = TaskDefinition2, StartedAt = awsT0.AddMinutes(-2) };
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(130) };
            var wait = watcher.WaitAsync(new[] { ours }, options, d =>
            {
                run.Verdict = d;
                run.WarningsBeforeVerdict = reporter.Warnings.Count;
                return Task.CompletedTask;
            }, CancellationToken.None);

            // Each poll makes two timers (its deadline, then the delay to the next poll); polls at 0, 5, ... 125 s.
            for (var poll = 1; poll <= 26; poll++)
            {
                await WaitUntil(() => clock.Timers >= 2 * poll, $"poll {poll} to end");
                if (run.WarnedAt == null && !reporter.Warnings.IsEmpty) run.WarnedAt = clock.GetUtcNow();
                clock.Advance(TimeSpan.FromSeconds(5));
            }

            await wait.WaitAsync(TimeSpan.FromSeconds(10));
            run.Warnings.AddRange(reporter.Warnings);
            run.ProtectionCalls = ecs.ProtectionCalls;
            return run;
        }

        [Fact]
        public async Task A_protected_old_task_is_called_out_live_in_the_first_poll_past_the_allowance_on_AWS_clock()
        {
            var run = await Wait(newRunning: 2, deregisteredAt: 0);

            // 120 s after the deregistration on AWS's clock is not yet past the allowance; 125 s is.
            Assert.Equal(T0.AddSeconds(125), run.WarnedAt);
            var warning = Assert.Single(run.Warnings);
            Assert.Equal(
                $"{Cluster}/{ServiceName}: the drain runs past deregistration delay + stopTimeout + 60 s. " +
                "1 old task with scale-in protection holds the deployment (task 0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f): ECS does not stop a protected task; " +
                "lift it (UpdateTaskProtection -ProtectionEnabled false) or let it expire.",
                warning);
            Assert.Equal(1, run.ProtectionCalls);
            Assert.Equal(1, run.WarningsBeforeVerdict);
            Assert.Equal(DeploymentStatus.TimedOut, run.Verdict.Status);
            Assert.Equal(DrainHoldupCause.TaskProtection, run.Verdict.Drain!.Holdup!.Cause);
            Assert.Equal(new[] { "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f" }, run.Verdict.Drain.Holdup.Evidence);
            Assert.Equal(T0 + AwsAhead, run.Verdict.Drain.Start);
        }

        [Fact]
        public async Task The_allowance_runs_from_the_latest_deregistration_a_rolling_update_in_batches_makes()
        {
            // A second batch deregistered 10 s after the first: its drain is due 10 s later.
            var run = await Wait(newRunning: 2, deregisteredAt: new[] { -10, 0 });
            Assert.Equal(T0.AddSeconds(125), run.WarnedAt);
            Assert.Single(run.Warnings);
            Assert.Equal(T0 + AwsAhead - TimeSpan.FromSeconds(10), run.Verdict.Drain!.Start);
        }

        [Fact]
        public async Task Old_tasks_are_not_called_out_while_new_tasks_are_still_missing()
        {
            // 1 of 2 new tasks running: the old ones are meant to serve; only the TimedOut verdict names the holdup.
            var run = await Wait(newRunning: 1, deregisteredAt: 0);
            Assert.Null(run.WarnedAt); // none in 26 polls, 125 s past the deregistration
            Assert.Equal(1, run.WarningsBeforeVerdict);
            Assert.Equal(DeploymentStatus.TimedOut, run.Verdict.Status);
            var warning = Assert.Single(run.Warnings);
            Assert.StartsWith($"{Cluster}/{ServiceName}: TimedOut with old tasks left. 1 old task with scale-in protection", warning, StringComparison.Ordinal);
        }

        private static async Task WaitUntil(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("Still waiting for " + what);
                await Task.Delay(2);
            }
        }
    }
}
