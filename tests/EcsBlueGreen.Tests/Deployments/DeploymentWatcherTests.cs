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
    public class DeploymentWatcherTests
    {
        private static readonly WaitOptions Options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(30) };

        /// <summary>Advances the fake clock one poll at a time until the wait ends (no real sleeping).</summary>
        private static async Task<T> Drive<T>(Task<T> wait, FakeTimeProvider clock, TimeSpan step, int maxSteps = 1000)
        {
            for (var i = 0; i < maxSteps && !wait.IsCompleted; i++)
            {
                await Task.Yield();
                clock.Advance(step);
            }

            Assert.True(wait.IsCompleted, "the wait did not end");
            return await wait;
        }

        private static EcsDeployment Ours(string service = ServiceName, string id = "ecs-svc/2") =>
            new EcsDeployment { Cluster = Cluster, Service = service, DeploymentId = id, TaskDefinitionArn = TaskDefinition2, StartedAt = T0 };

        private static void Rollout(EcsService service, string id, int running, string state, string? reason = null)
        {
            service.Deployments = state == "COMPLETED" && running == 2
                ? new List<DeploymentEntry> { Entry(id, "PRIMARY", TaskDefinition2, 2, "COMPLETED", T0, $"ECS deployment {id} completed.") }
                : new List<DeploymentEntry> { Entry(id, "PRIMARY", TaskDefinition2, running, state, T0, reason), Entry("ecs-svc/1", "ACTIVE", TaskDefinition1, 2, "COMPLETED", T0.AddHours(-1)) };
        }

        [Fact]
        public async Task Succeeds_within_one_poll_of_ECS_completing_and_reports_events_live()
        {
            var ecs = SeededEcs();
            var service = ecs.Services[ServiceName];
            Rollout(service, "ecs-svc/2", 0, "IN_PROGRESS");
            ecs.OnDescribeServices = call =>
            {
                if (call == 3)
                {
                    Rollout(service, "ecs-svc/2", 2, "COMPLETED");
                    service.Events = new List<ServiceEvent>
                    {
                        Event(T0.AddMinutes(3), $"(service {ServiceName}) has reached a steady state."),
                        Event(T0.AddMinutes(3), $"(service {ServiceName}) (deployment ecs-svc/2) deployment completed."),
                        Event(T0.AddMinutes(1), $"(service {ServiceName}) has started 2 tasks: (task a) (task b)."),
                    };
                }
            };
            var clock = new FakeTimeProvider(T0);
            var reporter = new RecordingReporter();
            var watcher = new DeploymentWatcher(_ => ecs, reporter, clock);
            var result = await Drive(watcher.WaitAsync(new[] { Ours() }, Options, CancellationToken.None), clock, Options.PollInterval);

            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
            Assert.Equal(3, ecs.CallCount("DescribeServices"));
            Assert.Equal(new[]
            {
                $"(service {ServiceName}) has started 2 tasks: (task a) (task b).",
                $"(service {ServiceName}) (deployment ecs-svc/2) deployment completed.",
                $"(service {ServiceName}) has reached a steady state.",
            }, deployment.Events.Select(e => e.Message).ToArray());
            Assert.Equal(3, reporter.Information.Count(m => m.Kind == EcsBlueGreen.Reporting.InformationKind.ServiceEvent));
            Assert.Equal(0, ecs.CallCount("ListTasks"));
        }

        [Fact]
        public async Task A_fleet_of_20_is_batched_10_services_and_20_service_deployments_per_call()
        {
            var ecs = new FakeEcs();
            var fleet = Enumerable.Range(1, 20).Select(i => $"fleet-{i:00}").ToList();
            foreach (var name in fleet)
            {
                var s = SteadyService();
                s.ServiceName = name;
                s.ServiceArn = "arn:aws:ecs:eu-west-2:123456789012:service/myservice/" + name;
                Rollout(s, "ecs-svc/" + name, 1, "IN_PROGRESS");
                ecs.Services[name] = s;
                ecs.ServiceDeployments["arn:sd/" + name] = new ServiceDeployment { ServiceDeploymentArn = "arn:sd/" + name, Status = "IN_PROGRESS" };
            }

            ecs.OnDescribeServices = call =>
            {
                if (call >= 5)
                {
                    foreach (var name in fleet)
                    {
                        Rollout(ecs.Services[name], "ecs-svc/" + name, 2, "COMPLETED");
                        ecs.ServiceDeployments["arn:sd/" + name].Status = "SUCCESSFUL";
                    }
                }
            };
            var deployments = fleet.Select(n => { var d = Ours(n, "ecs-svc/" + n); d.ServiceDeploymentArn = "arn:sd/" + n; return d; }).ToList();
            var clock = new FakeTimeProvider(T0);
            var result = await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(deployments, Options, CancellationToken.None), clock, Options.PollInterval);

            Assert.All(result, d => Assert.Equal(DeploymentStatus.Succeeded, d.Status));
            Assert.All(ecs.DescribeServicesBatchSizes, size => Assert.Equal(10, size));
            // Three polls of 2 DescribeServices; the service-deployments API only in the poll where
            // deployments[] changed shape, once for all 20.
            Assert.Equal(6, ecs.CallCount("DescribeServices"));
            Assert.Equal(new[] { 20 }, ecs.DescribeServiceDeploymentsBatchSizes);
        }

        [Fact]
        public async Task Times_out_by_the_clock_and_says_how_to_resume()
        {
            var ecs = SeededEcs();
            Rollout(ecs.Services[ServiceName], "ecs-svc/2", 1, "IN_PROGRESS");
            var clock = new FakeTimeProvider(T0);
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(2) };
            var result = await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { Ours() }, options, CancellationToken.None), clock, options.PollInterval);

            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.TimedOut, deployment.Status);
            Assert.Equal(VerdictCause.Timeout, deployment.Verdict!.Cause);
            Assert.Equal(NextStep.ResumeWait, deployment.Verdict.NextStep);
            Assert.InRange(ecs.CallCount("DescribeServices"), 24, 26);
        }

        [Fact]
        public async Task Backs_off_when_throttled_and_recovers()
        {
            var ecs = SeededEcs();
            var service = ecs.Services[ServiceName];
            Rollout(service, "ecs-svc/2", 1, "IN_PROGRESS");
            ecs.ThrottleNextDescribeServices = 3;
            var clock = new FakeTimeProvider(T0);
            var wait = new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { Ours() }, Options, CancellationToken.None);
            // Throttled 3 times: the intervals double (10, 20, 40 s), so 35 s of clock sees only 3 attempts.
            for (var i = 0; i < 7; i++)
            {
                await Task.Yield();
                clock.Advance(TimeSpan.FromSeconds(5));
            }

            Assert.Equal(3, ecs.CallCount("DescribeServices.Throttled"));
            Assert.Equal(0, ecs.CallCount("DescribeServices"));
            Rollout(service, "ecs-svc/2", 2, "COMPLETED");
            var result = await Drive(wait, clock, TimeSpan.FromSeconds(5));
            Assert.Equal(DeploymentStatus.Succeeded, Assert.Single(result).Status);
        }

        [Fact]
        public async Task Cancellation_ends_the_wait_promptly()
        {
            var ecs = SeededEcs();
            Rollout(ecs.Services[ServiceName], "ecs-svc/2", 1, "IN_PROGRESS");
            using var cts = new CancellationTokenSource();
            var wait = new DeploymentWatcher(_ => ecs, new RecordingReporter(), TimeProvider.System).WaitAsync(new[] { Ours() }, new WaitOptions { PollInterval = TimeSpan.FromMinutes(5) }, cts.Token);
            cts.CancelAfter(50);
            var finished = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(5)));
            Assert.Same(wait, finished);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            Assert.Equal(0, ecs.CallCount("UpdateService"));
        }

        [Fact]
        public async Task Rolled_back_deployments_carry_the_stopped_tasks_with_exit_codes()
        {
            var ecs = SeededEcs();
            var service = ecs.Services[ServiceName];
            service.Deployments = new List<DeploymentEntry>
            {
                Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 2, "IN_PROGRESS", T0.AddHours(-1), "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1."),
                Entry("ecs-svc/2", "ACTIVE", TaskDefinition2, 0, "FAILED", T0, "ECS deployment circuit breaker: tasks failed to start.", 3),
            };
            ecs.Tasks.Add(new EcsTask
            {
                TaskArn = "arn:aws:ecs:eu-west-2:123456789012:task/myservice/abc123", StartedBy = "ecs-svc/2", DesiredStatus = "STOPPED", LastStatus = "STOPPED",
                StoppedReason = "Essential container in task exited", StopCode = "EssentialContainerExited",
                Containers = new List<EcsContainer> { new EcsContainer { Name = "myapplication", ExitCode = 1 } },
            });
            var clock = new FakeTimeProvider(T0);
            var result = await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { Ours() }, Options, CancellationToken.None), clock, Options.PollInterval);
            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
            var failed = Assert.Single(deployment.FailedTasks);
            Assert.Equal("abc123", failed.TaskId);
            Assert.Equal(1, failed.Containers[0].ExitCode);
            Assert.Equal(1, deployment.FailedTasks[0].Containers[0].ExitCode);
            Assert.Equal("ecs-svc/1", deployment.RolledBackTo);
        }

        [Fact]
        public async Task Fail_fast_reports_an_unpullable_image_long_before_the_circuit_breaker()
        {
            var ecs = SeededEcs();
            var service = ecs.Services[ServiceName];
            Rollout(service, "ecs-svc/2", 0, "IN_PROGRESS");
            service.Deployments[0].FailedTasks = 1;
            ecs.Tasks.Add(new EcsTask
            {
                TaskArn = "arn:aws:ecs:eu-west-2:123456789012:task/myservice/pull1", StartedBy = "ecs-svc/2", DesiredStatus = "STOPPED",
                StoppedReason = "CannotPullContainerError: pull image manifest has been retried 5 time(s): myapplication:9.9 not found", StopCode = "TaskFailedToStart",
            });
            var clock = new FakeTimeProvider(T0);
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(5), FailFast = true };
            var result = await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { Ours() }, options, CancellationToken.None), clock, options.PollInterval);
            var deployment = Assert.Single(result);
            Assert.Equal(DeploymentStatus.Failed, deployment.Status);
            Assert.Equal(VerdictCause.ImagePull, deployment.Verdict!.Cause);
            Assert.Equal(1, ecs.CallCount("DescribeServices"));
        }

        [Fact]
        public async Task Without_the_service_deployments_api_the_verdict_is_the_same()
        {
            foreach (var denied in new[] { false, true })
            {
                var ecs = SeededEcs();
                ecs.ServiceDeploymentsDenied = denied;
                var service = ecs.Services[ServiceName];
                service.Deployments = new List<DeploymentEntry>
                {
                    Entry("ecs-svc/1", "PRIMARY", TaskDefinition1, 2, "IN_PROGRESS", T0.AddHours(-1), "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1."),
                    Entry("ecs-svc/2", "ACTIVE", TaskDefinition2, 0, "FAILED", T0, "ECS deployment circuit breaker: tasks failed to start.", 3),
                };
                ecs.ServiceDeployments["arn:sd/2"] = new ServiceDeployment { ServiceDeploymentArn = "arn:sd/2", Status = "ROLLBACK_IN_PROGRESS", CircuitBreakerStatus = "TRIGGERED", CircuitBreakerFailureCount = 3, CircuitBreakerThreshold = 3 };
                var ours = Ours();
                ours.ServiceDeploymentArn = "arn:sd/2";
                var clock = new FakeTimeProvider(T0);
                var result = await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { ours }, Options, CancellationToken.None), clock, Options.PollInterval);
                Assert.Equal(DeploymentStatus.RolledBack, Assert.Single(result).Status);
                Assert.Equal(VerdictCause.CircuitBreaker, result[0].Verdict!.Cause);
            }
        }
        [Fact]
        public async Task A_cluster_that_is_gone_fails_its_deployments_and_the_rest_of_the_fleet_goes_on()
        {
            var ecs = SeededEcs();
            var service = ecs.Services[ServiceName];
            Rollout(service, "ecs-svc/2", 1, "IN_PROGRESS");
            ecs.MissingClusters.Add("deleted-cluster");
            ecs.OnDescribeServices = call => { if (call >= 2) Rollout(service, "ecs-svc/2", 2, "COMPLETED"); };
            var orphan = new EcsDeployment { Cluster = "deleted-cluster", Service = "svc", DeploymentId = "ecs-svc/9", StartedAt = T0 };
            var clock = new FakeTimeProvider(T0);
            var result = await Drive(new DeploymentWatcher(_ => ecs, new RecordingReporter(), clock).WaitAsync(new[] { Ours(), orphan }, Options, CancellationToken.None), clock, Options.PollInterval);

            // Verdicts come in the order they are reached: the lost cluster's at the first poll.
            Assert.Equal(DeploymentStatus.Failed, result[0].Status);
            Assert.Equal("deleted-cluster", result[0].Cluster);
            Assert.Equal(DeploymentStatus.Succeeded, result[1].Status);
            Assert.Equal(VerdictCause.ObservationFailed, result[0].Verdict!.Cause);
            Assert.Equal("ClusterNotFoundException", result[0].Verdict!.ErrorCode);
            Assert.Equal(1, ecs.CallCount("DescribeServices.ClusterNotFound"));
        }
    }
}
