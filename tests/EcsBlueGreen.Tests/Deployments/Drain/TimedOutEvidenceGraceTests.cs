using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
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
    /// A TimedOut verdict reads what holds the deployment for at most DeploymentWatcher.TimedOutEvidenceGrace:
    /// with the target group's health read hanging (the poll is cut at the timeout) and ECS no longer
    /// answering ListTasks, the verdict comes exactly 5 s after the timeout, and Ctrl+C ends the wait
    /// during those 5 s. Time moves only on the fake clock, and only once the watcher waits on it.
    /// </summary>
    public class TimedOutEvidenceGraceTests
    {
        private const string TargetGroup = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/myservice-myapplication/0123456789abcdef";
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        /// <summary>Answers the delay; DescribeTargetHealth is accepted and never answered.</summary>
        private sealed class HangingElb : IElbApi
        {
            private int _healthCalls;

            public int HealthCalls => Volatile.Read(ref _healthCalls);

            public Task<IReadOnlyDictionary<string, string>> DescribeTargetGroupAttributesAsync(string targetGroupArn, CancellationToken cancellationToken) =>
                Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { [ElbAttributeNames.DeregistrationDelaySeconds] = "30" });

            public async Task<IReadOnlyList<ElbTargetHealth>> DescribeTargetHealthAsync(string targetGroupArn, IReadOnlyList<string>? targetIds, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _healthCalls);
                await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException("unreachable");
            }

            public Task<IReadOnlyList<ElbTargetGroup>> DescribeTargetGroupsAsync(IReadOnlyList<string>? targetGroupArns, string? loadBalancerArn, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<IReadOnlyList<ElbListener>> DescribeListenersAsync(string? loadBalancerArn, IReadOnlyList<string>? listenerArns, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<IReadOnlyList<ElbRule>> DescribeRulesAsync(string? listenerArn, IReadOnlyList<string>? ruleArns, CancellationToken cancellationToken) => throw new NotSupportedException();

            public Task<IReadOnlyList<ElbLoadBalancer>> DescribeLoadBalancersAsync(IReadOnlyList<string> loadBalancerArns, CancellationToken cancellationToken) => throw new NotSupportedException();
        }

        /// <summary>The FakeEcs, except that ListTasks is accepted and never answered.</summary>
        private sealed class HangingListTasks : ForwardingEcs
        {
            private int _listTasksCalls;

            public HangingListTasks(FakeEcs inner)
                : base(inner)
            {
            }

            public int ListTasksCalls => Volatile.Read(ref _listTasksCalls);

            public override async Task<IReadOnlyList<string>> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _listTasksCalls);
                await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException("unreachable");
            }
        }

        private sealed class Setup
        {
            public TimerCountingClock Clock { get; } = new TimerCountingClock(T0);
            public HangingElb Elb { get; } = new HangingElb();
            public HangingListTasks Ecs { get; }
            public RecordingReporter Reporter { get; } = new RecordingReporter();
            public List<(EcsDeployment Deployment, DateTimeOffset At)> Verdicts { get; } = new List<(EcsDeployment, DateTimeOffset)>();

            public Setup()
            {
                var fake = SeededEcs();
                var service = fake.Services[ServiceName];
                service.LoadBalancers = new[] { new ServiceLoadBalancer { TargetGroupArn = TargetGroup, ContainerName = "app", ContainerPort = 8080 } };
                service.Deployments = new List<DeploymentEntry>
                {
                    Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "IN_PROGRESS", T0),
                    Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
                };
                // The old targets were deregistered: the drain has begun, so each poll reads the target group.
                service.Events = new List<ServiceEvent>
                {
                    Event(T0.AddSeconds(1), $"(service {ServiceName}) deregistered 2 targets in (target-group {TargetGroup})"),
                };
                Ecs = new HangingListTasks(fake);
            }

            public Task Wait(CancellationToken invocation)
            {
                var watcher = new DeploymentWatcher(_ => Ecs, Reporter, Clock)
                    .WithDrainObservation(new DrainObservation(_ => Elb, PriceTable.Flat(0.04m, 0.004m, "USD", "test")));
                var ours = new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/2", TaskDefinitionArn = TaskDefinition2, StartedAt = T0 };
                return watcher.WaitAsync(new[] { ours }, new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = Timeout }, d =>
                {
                    lock (Verdicts) Verdicts.Add((d, Clock.GetUtcNow()));
                    return Task.CompletedTask;
                }, invocation);
            }

            /// <summary>Poll 1 hangs on the target health; the timeout cuts it and the verdict's ListTasks hangs in the grace.</summary>
            public async Task IntoTheGrace()
            {
                await WaitUntil(() => Elb.HealthCalls == 1 && Clock.Timers >= 1, "the hanging DescribeTargetHealth of poll 1");
                Clock.Advance(Timeout);
                await WaitUntil(() => Ecs.ListTasksCalls == 1 && Clock.Timers >= 2, "the verdict's ListTasks under the grace timer");
            }
        }

        [Fact]
        public async Task A_hanging_evidence_read_after_a_timeout_delays_the_verdict_by_exactly_the_grace()
        {
            Assert.Equal(TimeSpan.FromSeconds(5), DeploymentWatcher.TimedOutEvidenceGrace);
            var setup = new Setup();
            var wait = setup.Wait(CancellationToken.None);

            await setup.IntoTheGrace();
            setup.Clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
            Assert.False(wait.IsCompleted);
            lock (setup.Verdicts) Assert.Empty(setup.Verdicts);
            setup.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await wait.WaitAsync(TimeSpan.FromSeconds(10));

            var (deployment, at) = Assert.Single(setup.Verdicts);
            Assert.Equal(T0 + Timeout + TimeSpan.FromSeconds(5), at);
            Assert.Equal(DeploymentStatus.TimedOut, deployment.Status);
            Assert.Equal(VerdictCause.Timeout, deployment.Verdict!.Cause);
            Assert.Equal(Timeout, deployment.Verdict.WaitedFor);
            Assert.Null(deployment.Drain);
            Assert.Null(deployment.Window);
            Assert.Equal(1, setup.Elb.HealthCalls);
            Assert.Equal(1, setup.Ecs.ListTasksCalls);
            Assert.Single(setup.Reporter.Verbose, v => v == $"The drain of {Cluster}/{ServiceName} was not read within 5 s after the timeout.");
        }

        [Fact]
        public async Task Ctrl_C_ends_the_wait_during_the_grace_without_a_verdict()
        {
            var setup = new Setup();
            using var invocation = new CancellationTokenSource();
            var wait = setup.Wait(invocation.Token);

            await setup.IntoTheGrace();
            invocation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(T0 + Timeout, setup.Clock.GetUtcNow());
            lock (setup.Verdicts) Assert.Empty(setup.Verdicts);
            Assert.Equal(1, setup.Ecs.ListTasksCalls);
            Assert.DoesNotContain(setup.Reporter.Verbose, v => v.Contains("was not read within", StringComparison.Ordinal));
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
