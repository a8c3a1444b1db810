using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>Results flow one way and as soon as they are known; the service-deployments API only when it can tell more.</summary>
    public class DeploymentWatcherStreamingTests
    {
        private static readonly WaitOptions Options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(30) };

        private static async Task Drive(Task wait, FakeTimeProvider clock, int maxSteps = 1000)
        {
            for (var i = 0; i < maxSteps && !wait.IsCompleted; i++)
            {
                await Task.Yield();
                clock.Advance(Options.PollInterval);
            }

            Assert.True(wait.IsCompleted, "the wait did not end");
            await wait;
        }

        private static EcsService Service(FakeEcs ecs, string name)
        {
            var s = SteadyService();
            s.ServiceName = name;
            s.ServiceArn = "arn:aws:ecs:eu-west-2:123456789012:service/myservice/" + name;
            InFlight(s, "ecs-svc/" + name);
            ecs.Services[name] = s;
            return s;
        }

        private static void InFlight(EcsService s, string id) => s.Deployments = new List<DeploymentEntry>
        {
            Entry(id, "PRIMARY", TaskDefinition2, 1, "IN_PROGRESS", T0),
            Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
        };

        private static void Completed(EcsService s, string id) =>
            s.Deployments = new List<DeploymentEntry> { Entry(id, "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0) };

        private static void FailedWithoutRollback(EcsService s, string id)
        {
            s.DeploymentConfiguration.CircuitBreakerRollback = false;
            s.Deployments = new List<DeploymentEntry>
            {
                Entry(id, "PRIMARY", TaskDefinition2, 0, "FAILED", T0, "ECS deployment circuit breaker: tasks failed to start.", 3),
                Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)),
            };
        }

        private static EcsDeployment Of(string name, string? arn = null) =>
            new EcsDeployment { Cluster = Cluster, Service = name, DeploymentId = "ecs-svc/" + name, TaskDefinitionArn = TaskDefinition2, StartedAt = T0, ServiceDeploymentArn = arn };

        [Fact]
        public async Task The_objects_it_was_given_are_never_changed()
        {
            var ecs = new FakeEcs();
            var s = Service(ecs, "app");
            ecs.OnDescribeServices = call => { if (call == 2) Completed(s, "ecs-svc/app"); };
            var given = Of("app");
            var clock = new FakeTimeProvider(T0);
            var results = new List<EcsDeployment>();
            await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { given }, Options, d => { results.Add(d); return Task.CompletedTask; }, CancellationToken.None), clock);

            var result = Assert.Single(results);
            Assert.NotSame(given, result);
            Assert.Equal(DeploymentStatus.Succeeded, result.Status);
            Assert.Equal(2, result.RunningCount);
            Assert.Equal(DeploymentStatus.InProgress, given.Status);
            Assert.Null(given.Verdict);
            Assert.Null(given.CompletedAt);
            Assert.Equal(0, given.RunningCount);
            Assert.Empty(given.Events);
            Assert.Equal(0, given.CircuitBreaker.Threshold);
        }

        [Fact]
        public async Task A_fast_failure_is_handed_over_while_the_slow_successes_are_still_watched()
        {
            var ecs = new FakeEcs();
            var slow1 = Service(ecs, "slow-1");
            var slow2 = Service(ecs, "slow-2");
            var fast = Service(ecs, "fast");
            FailedWithoutRollback(fast, "ecs-svc/fast");
            ecs.OnDescribeServices = call =>
            {
                if (call == 4)
                {
                    Completed(slow1, "ecs-svc/slow-1");
                    Completed(slow2, "ecs-svc/slow-2");
                }
            };
            var clock = new FakeTimeProvider(T0);
            var handed = new List<(string Service, DeploymentStatus Status, DateTimeOffset At)>();
            var wait = new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(
                new[] { Of("slow-1"), Of("slow-2"), Of("fast") }, Options,
                d => { handed.Add((d.Service, d.Status, clock.GetUtcNow())); return Task.CompletedTask; }, CancellationToken.None);
            await Drive(wait, clock);

            Assert.Equal(new[] { "fast", "slow-1", "slow-2" }, handed.Select(h => h.Service).ToArray());
            Assert.Equal((DeploymentStatus.Failed, T0), (handed[0].Status, handed[0].At));
            Assert.Equal((DeploymentStatus.Succeeded, T0.AddSeconds(15)), (handed[1].Status, handed[1].At));
            Assert.Equal(4, ecs.CallCount("DescribeServices"));
        }

        [Fact]
        public async Task The_service_deployments_API_is_asked_only_when_deployments_change_shape()
        {
            var ecs = new FakeEcs();
            var s = Service(ecs, "app");
            ecs.ServiceDeployments["arn:sd/app"] = new ServiceDeployment { ServiceDeploymentArn = "arn:sd/app", Status = "IN_PROGRESS" };
            ecs.OnDescribeServices = call =>
            {
                // The new tasks come up one by one (counts move, the shape does not), then it completes.
                s.Deployments[0].RunningCount = Math.Min(2, call);
                if (call == 5)
                {
                    Completed(s, "ecs-svc/app");
                    ecs.ServiceDeployments["arn:sd/app"].Status = "SUCCESSFUL";
                }
            };
            var clock = new FakeTimeProvider(T0);
            var results = new List<EcsDeployment>();
            await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { Of("app", "arn:sd/app") }, Options, d => { results.Add(d); return Task.CompletedTask; }, CancellationToken.None), clock);

            Assert.Equal(DeploymentStatus.Succeeded, Assert.Single(results).Status);
            Assert.Equal(5, ecs.CallCount("DescribeServices"));
            Assert.Equal(1, ecs.CallCount("DescribeServiceDeployments"));
        }

        [Fact]
        public async Task A_rollback_from_the_service_deployments_API_names_the_alarm()
        {
            var ecs = new FakeEcs();
            var s = Service(ecs, "app");
            ecs.ServiceDeployments["arn:sd/app"] = new ServiceDeployment { ServiceDeploymentArn = "arn:sd/app", Status = "IN_PROGRESS" };
            ecs.OnDescribeServices = call =>
            {
                if (call == 3)
                {
                    // ECS rolls back: the old deployment becomes PRIMARY again, ours goes.
                    s.Deployments = new List<DeploymentEntry>
                    {
                        Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 1, "IN_PROGRESS", T0.AddHours(-1), "ECS deployment alarms: rolling back to deploymentId ecs-svc/1."),
                        Entry("ecs-svc/app", "ACTIVE", TaskDefinition2, 1, "FAILED", T0, "ECS deployment alarms triggered."),
                    };
                    ecs.ServiceDeployments["arn:sd/app"] = new ServiceDeployment
                    {
                        ServiceDeploymentArn = "arn:sd/app", Status = "ROLLBACK_IN_PROGRESS", AlarmsStatus = "TRIGGERED",
                        TriggeredAlarmNames = new[] { "app-5xx" }, RollbackReason = "Alarm app-5xx is in ALARM.",
                    };
                }
            };
            var clock = new FakeTimeProvider(T0);
            var results = new List<EcsDeployment>();
            await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { Of("app", "arn:sd/app") }, Options, d => { results.Add(d); return Task.CompletedTask; }, CancellationToken.None), clock);

            var verdict = Assert.Single(results).Verdict!;
            Assert.Equal(DeploymentStatus.RolledBack, verdict.Status);
            Assert.Equal(VerdictCause.Alarm, verdict.Cause);
            Assert.Equal(new[] { "app-5xx" }, verdict.Alarms);
            Assert.Equal("Alarm app-5xx is in ALARM.", verdict.EcsReason);
            Assert.Equal("ecs-svc/1", verdict.RolledBackTo);
            Assert.Equal(RollbackProgress.InProgress, verdict.Rollback);
            Assert.Equal(NextStep.WaitForRollback, verdict.NextStep);
            Assert.Equal(1, ecs.CallCount("DescribeServiceDeployments"));
        }

        [Fact]
        public async Task A_deployment_that_joins_a_running_wait_is_waited_for_too()
        {
            var ecs = new FakeEcs();
            var failing = Service(ecs, "failing");
            FailedWithoutRollback(failing, "ecs-svc/failing");
            var rollback = Service(ecs, "rollback");
            ecs.OnDescribeServices = call => { if (call == 3) Completed(rollback, "ecs-svc/rollback"); };
            var clock = new FakeTimeProvider(T0);
            var watcher = new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock);
            var handed = new List<(string Service, DeploymentStatus Status)>();
            var wait = watcher.WaitAsync(new[] { Of("failing") }, Options, d =>
            {
                handed.Add((d.Service, d.Status));
                if (d.Service == "failing")
                {
                    watcher.Join(Of("rollback"));
                }

                return Task.CompletedTask;
            }, CancellationToken.None);
            await Drive(wait, clock);

            Assert.Equal(new[] { ("failing", DeploymentStatus.Failed), ("rollback", DeploymentStatus.Succeeded) }, handed.ToArray());
            Assert.Equal(3, ecs.CallCount("DescribeServices"));
        }
    }
}
