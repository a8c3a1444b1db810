using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>
    /// A wait ends by its timeout whatever ECS does (answers late, never answers), and an endpoint that
    /// refuses connections ends it with an unreachable error, never a verdict, at exact moments of the
    /// fake clock. The clock is only moved once the watcher waits on it (counted timers), so each
    /// step lands where the test says.
    /// </summary>
    public class WaitDeadlineTests
    {
        private static readonly Uri Endpoint = new Uri("http://127.0.0.1:4566/");

        /// <summary>A fake clock that counts the timers made on it (the watcher's poll deadline and delay,
        /// a late answer's delay), so a test moves time only once the watcher is waiting.</summary>
        private sealed class CountingClock : FakeTimeProvider
        {
            private int _timers;

            public CountingClock() : base(T0) { }

            public int Timers => Volatile.Read(ref _timers);

            public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            {
                Interlocked.Increment(ref _timers);
                return base.CreateTimer(callback, state, dueTime, period);
            }

            public async Task AdvanceOnceWaiting(int timers, TimeSpan by)
            {
                await WaitUntil(() => Timers >= timers, $"{timers} timers (have {Timers})");
                Advance(by);
            }
        }

        private static EcsDeployment Ours() =>
            new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/2", TaskDefinitionArn = TaskDefinition2, StartedAt = T0 };

        private static void Rolling(FakeEcs ecs, int running) =>
            ecs.Services[ServiceName].Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, running, "IN_PROGRESS", T0),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            };

        private static AwsTransportException Refused() =>
            new AwsTransportException("ECS", "DescribeServices", "ECS DescribeServices: Connection refused (127.0.0.1:4566)", outcomeUnknown: false, null,
                Endpoint, endpointUnreachable: true);

        private sealed class Recorded
        {
            public List<(EcsDeployment Deployment, DateTimeOffset At)> Verdicts { get; } = new List<(EcsDeployment, DateTimeOffset)>();
        }

        private static Task Wait(DeploymentWatcher watcher, WaitOptions options, TimeProvider clock, Recorded recorded, params EcsDeployment[] deployments) =>
            watcher.WaitAsync(deployments, options, d =>
            {
                lock (recorded) recorded.Verdicts.Add((d, clock.GetUtcNow()));
                return Task.CompletedTask;
            }, CancellationToken.None);

        [Fact]
        public async Task An_endpoint_that_never_answers_ends_the_wait_at_its_timeout_with_the_last_known_state()
        {
            var ecs = SeededEcs();
            Rolling(ecs, running: 1);
            var clock = new CountingClock();
            // The first DescribeServices answers; the second is accepted and never answered.
            var hanging = new ScriptedDescribeServices(ecs, async (call, fake, token) =>
            {
                if (call == 1) return await ScriptedDescribeServices.Answer(fake, token);
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            });
            var recorded = new Recorded();
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(12) };
            var wait = Wait(new DeploymentWatcher(_ => hanging, new RecordingReporter(), clock), options, clock, recorded, Ours());

            await clock.AdvanceOnceWaiting(2, TimeSpan.FromSeconds(5));   // poll 1 answered; next poll at 5 s
            await WaitUntil(() => hanging.Calls == 2, "the second DescribeServices");
            await clock.AdvanceOnceWaiting(3, TimeSpan.FromSeconds(7));   // to the timeout: 12 s
            await wait.WaitAsync(TimeSpan.FromSeconds(10));

            var (deployment, at) = Assert.Single(recorded.Verdicts);
            Assert.Equal(T0.AddSeconds(12), at);
            Assert.Equal(DeploymentStatus.TimedOut, deployment.Status);
            Assert.Equal(VerdictCause.Timeout, deployment.Verdict!.Cause);
            Assert.Equal(TimeSpan.FromSeconds(12), deployment.Verdict.WaitedFor);
            Assert.Equal(1, deployment.RunningCount);
            Assert.Equal(2, deployment.DesiredCount);
            Assert.Equal(2, hanging.Calls);
            Assert.Equal(0, ecs.CallCount("ListTasks")); // no time was left for evidence calls
        }

        [Fact]
        public async Task An_endpoint_answering_after_25_seconds_does_not_overrun_the_timeout()
        {
            var ecs = SeededEcs();
            Rolling(ecs, running: 0);
            var clock = new CountingClock();
            var slow = new ScriptedDescribeServices(ecs, async (call, fake, token) =>
            {
                if (call > 1)
                {
                    await clock.Delay(TimeSpan.FromSeconds(25), token);
                    Rolling(fake, running: call - 1);
                }

                return await ScriptedDescribeServices.Answer(fake, token);
            });
            var recorded = new Recorded();
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(40) };
            var wait = Wait(new DeploymentWatcher(_ => slow, new RecordingReporter(), clock), options, clock, recorded, Ours());

            await clock.AdvanceOnceWaiting(2, TimeSpan.FromSeconds(5));   // poll 1 at 0 s answered at once
            await clock.AdvanceOnceWaiting(4, TimeSpan.FromSeconds(25));  // poll 2 at 5 s answered at 30 s: 1 running
            await clock.AdvanceOnceWaiting(5, TimeSpan.FromSeconds(5));   // poll 3 at 35 s would answer at 60 s
            await clock.AdvanceOnceWaiting(7, TimeSpan.FromSeconds(5));   // the timeout at 40 s cancels it
            await wait.WaitAsync(TimeSpan.FromSeconds(10));

            var (deployment, at) = Assert.Single(recorded.Verdicts);
            Assert.Equal(T0.AddSeconds(40), at);
            Assert.Equal(DeploymentStatus.TimedOut, deployment.Status);
            Assert.Equal(1, deployment.RunningCount); // what the answer at 30 s said
            Assert.Equal(3, slow.Calls);
            Assert.Equal(2, ecs.CallCount("DescribeServices")); // the third never got its answer
        }

        [Fact]
        public async Task Refused_connections_for_the_unreachable_window_end_the_wait_with_an_error_and_no_verdict()
        {
            var ecs = SeededEcs();
            Rolling(ecs, running: 1);
            var clock = new CountingClock();
            var dying = new ScriptedDescribeServices(ecs, (call, fake, token) =>
                call == 1 ? ScriptedDescribeServices.Answer(fake, token) : throw Refused());
            var recorded = new Recorded();
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(30), UnreachableWindow = TimeSpan.FromSeconds(15) };
            var wait = Wait(new DeploymentWatcher(_ => dying, new RecordingReporter(), clock), options, clock, recorded, Ours());

            await clock.AdvanceOnceWaiting(2, TimeSpan.FromSeconds(5));   // answered at 0 s
            await clock.AdvanceOnceWaiting(4, TimeSpan.FromSeconds(10));  // refused at 5 s: backs off to 15 s
            await clock.AdvanceOnceWaiting(7, TimeSpan.FromSeconds(5));   // refused at 15 s (bound by the window): the window ends at 20 s
            var error = await Assert.ThrowsAsync<EcsUnreachableException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Equal(T0.AddSeconds(20), clock.GetUtcNow());
            Assert.Empty(recorded.Verdicts);
            Assert.Equal(3, dying.Calls);
            Assert.Equal("EcsUnreachable", error.ErrorId);
            var lost = Assert.Single(error.Deployments);
            Assert.Equal(Endpoint, lost.Endpoint);
            Assert.Equal(T0.AddSeconds(5), lost.UnreachableSince);
            Assert.Equal(T0, lost.LastSeenAt);
            Assert.Equal("IN_PROGRESS", lost.LastRolloutState);
            Assert.Null(lost.Deployment.Verdict);
            Assert.Equal(1, lost.Deployment.RunningCount);
            Assert.Equal(
                "ECS at http://127.0.0.1:4566/ was unreachable since 2026-11-27 12:00:05Z (ECS DescribeServices: Connection refused (127.0.0.1:4566)): " +
                "deployment ecs-svc/2 of myservice/myservice-myapplication was last seen at 2026-11-27 12:00:00Z, IN_PROGRESS with 1/2 new tasks running. " +
                "What ECS did with these deployments since is unknown: the wait stopped following them.",
                error.Message);
        }

        [Fact]
        public async Task An_endpoint_that_refused_and_then_hangs_is_given_up_at_the_end_of_the_window()
        {
            var ecs = SeededEcs();
            Rolling(ecs, running: 1);
            var clock = new CountingClock();
            var flapping = new ScriptedDescribeServices(ecs, async (call, fake, token) =>
            {
                if (call == 1) return await ScriptedDescribeServices.Answer(fake, token);
                if (call == 2) throw Refused();
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            });
            var recorded = new Recorded();
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(30), UnreachableWindow = TimeSpan.FromSeconds(15) };
            var wait = Wait(new DeploymentWatcher(_ => flapping, new RecordingReporter(), clock), options, clock, recorded, Ours());

            await clock.AdvanceOnceWaiting(2, TimeSpan.FromSeconds(5));   // answered at 0 s
            await clock.AdvanceOnceWaiting(4, TimeSpan.FromSeconds(10));  // refused at 5 s
            await WaitUntil(() => flapping.Calls == 3, "the third DescribeServices");
            await clock.AdvanceOnceWaiting(6, TimeSpan.FromSeconds(5));   // accepted at 15 s and never answered: cut at 20 s
            var error = await Assert.ThrowsAsync<EcsUnreachableException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Equal(T0.AddSeconds(20), clock.GetUtcNow());
            Assert.Empty(recorded.Verdicts);
            var lost = Assert.Single(error.Deployments);
            Assert.Equal(T0.AddSeconds(5), lost.UnreachableSince);
            Assert.Equal("ECS DescribeServices: Connection refused (127.0.0.1:4566)", lost.Reason);
            Assert.Equal(3, flapping.Calls);
        }

        [Fact]
        public async Task An_endpoint_refusing_when_the_timeout_passes_is_unreachable_not_timed_out()
        {
            var ecs = SeededEcs();
            Rolling(ecs, running: 1);
            var clock = new CountingClock();
            var dying = new ScriptedDescribeServices(ecs, (call, fake, token) =>
                call == 1 ? ScriptedDescribeServices.Answer(fake, token) : throw Refused());
            var recorded = new Recorded();
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(8) };
            var wait = Wait(new DeploymentWatcher(_ => dying, new RecordingReporter(), clock), options, clock, recorded, Ours());

            await clock.AdvanceOnceWaiting(2, TimeSpan.FromSeconds(5));   // answered at 0 s
            await clock.AdvanceOnceWaiting(4, TimeSpan.FromSeconds(3));   // refused at 5 s; the timeout at 8 s comes first
            var error = await Assert.ThrowsAsync<EcsUnreachableException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Empty(recorded.Verdicts);
            Assert.Equal(T0.AddSeconds(8), clock.GetUtcNow());
            var lost = Assert.Single(error.Deployments);
            Assert.Equal(T0.AddSeconds(5), lost.UnreachableSince);
            Assert.Equal(T0, lost.LastSeenAt);
            Assert.Equal(2, dying.Calls);
        }

        [Fact]
        public async Task A_fleet_goes_on_where_ECS_answers_and_only_the_unreachable_endpoint_is_named()
        {
            var reachable = SeededEcs();
            Rolling(reachable, running: 1);
            var unreachableEcs = SeededEcs();
            Rolling(unreachableEcs, running: 1);
            var clock = new CountingClock();
            var answering = new ScriptedDescribeServices(reachable, (call, fake, token) =>
            {
                if (call == 3) fake.Services[ServiceName].Deployments = new List<DeploymentEntry> { Entry("ecs-svc/2", "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0) };
                return ScriptedDescribeServices.Answer(fake, token);
            });
            var refusing = new ScriptedDescribeServices(unreachableEcs, (call, fake, token) => throw Refused());
            var inOtherRegion = Ours();
            inOtherRegion.Region = "us-east-1";
            var recorded = new Recorded();
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(30), UnreachableWindow = TimeSpan.FromSeconds(15) };
            var watcher = new DeploymentWatcher(d => d.Region == "us-east-1" ? refusing : answering, new RecordingReporter(), clock);
            var wait = Wait(watcher, options, clock, recorded, Ours(), inOtherRegion);

            // A transport failure backs the interval off: polls at 0, 10 and 15 s (the window's end,
            // where only the reachable endpoint is asked).
            await clock.AdvanceOnceWaiting(2, TimeSpan.FromSeconds(10));
            await clock.AdvanceOnceWaiting(5, TimeSpan.FromSeconds(5));
            var error = await Assert.ThrowsAsync<EcsUnreachableException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));

            var (succeeded, at) = Assert.Single(recorded.Verdicts);
            Assert.Equal(DeploymentStatus.Succeeded, succeeded.Status);
            Assert.Equal(T0.AddSeconds(15), at);
            Assert.Equal(3, answering.Calls);
            Assert.Equal(2, refusing.Calls);
            var lost = Assert.Single(error.Deployments);
            Assert.Equal("us-east-1", lost.Deployment.Region);
            Assert.Null(lost.LastSeenAt);
            Assert.Contains("deployment ecs-svc/2 of myservice/myservice-myapplication was not seen in this wait", error.Message);
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
