using EcsBlueGreen.Ecs;
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Deployments
{
    /// <summary>Whole deployments of the seed service through the core's starter and watcher: 2.0 is
    /// healthy, 2.1's container exits with code 1 five seconds after it starts, so ECS's circuit breaker
    /// rolls it back.</summary>
    [Collection(SimulatorCollection.Name)]
    public class SeedDeploymentTests
    {
        private readonly SimulatorProcess _simulator;

        public SeedDeploymentTests(SimulatorProcess simulator) => _simulator = simulator;

        [Fact]
        public async Task Release_2_0_is_Succeeded_and_the_service_runs_its_new_task_definition()
        {
            await _simulator.ResetAsync();
            var reporter = new RecordingReporter();
            using (var session = SimulatorSessions.For(_simulator))
            {
                var ecs = session.CreateEcsClient();
                var started = await StartAsync(ecs, "2.0", reporter);

                var verdict = await DeploymentWatch.UntilVerdictAsync(ecs, started, reporter, CancellationToken.None);

                Assert.Equal(DeploymentStatus.Succeeded, verdict.Status);
                Assert.Equal(SimulatorProcess.Repository + ":2.0", verdict.Image);
                Assert.Equal(SimulatorProcess.Repository + ":1.0", verdict.PreviousImage);
                Assert.EndsWith("myservice-myapplication-task:2", verdict.TaskDefinitionArn);
                Assert.Equal(2, verdict.RunningCount);
                Assert.Empty(verdict.FailedTasks);
                Assert.Contains(verdict.Events, e => e.Message.EndsWith($"(deployment {verdict.DeploymentId}) deployment completed.", StringComparison.Ordinal));
                var service = (await ecs.DescribeServicesAsync(SimulatorProcess.Cluster, new[] { SimulatorProcess.Service }, CancellationToken.None)).Services.Single();
                Assert.Equal(verdict.TaskDefinitionArn, service.TaskDefinition);
                Assert.Single(service.Deployments);
                Assert.DoesNotContain(SimulatorProcess.SecretKey, reporter.Text);
            }
        }

        [Fact]
        public async Task Release_2_1_is_RolledBack_by_the_circuit_breaker_with_the_exit_code_as_evidence()
        {
            await _simulator.ResetAsync();
            var reporter = new RecordingReporter();
            using (var session = SimulatorSessions.For(_simulator))
            {
                var ecs = session.CreateEcsClient();
                var started = await StartAsync(ecs, "2.1", reporter);

                var verdict = await DeploymentWatch.UntilVerdictAsync(ecs, started, reporter, CancellationToken.None);

                Assert.Equal(DeploymentStatus.RolledBack, verdict.Status);
                Assert.Equal(VerdictCause.CircuitBreaker, verdict.Verdict!.Cause);
                Assert.NotNull(verdict.RolledBackTo);
                Assert.NotEmpty(verdict.FailedTasks);
                Assert.All(verdict.FailedTasks, t => Assert.Equal("Essential container in task exited", t.StoppedReason));
                Assert.Contains(verdict.FailedTasks.SelectMany(t => t.Containers), c => c.Name == "myapplication" && c.ExitCode == 1);
                var service = (await ecs.DescribeServicesAsync(SimulatorProcess.Cluster, new[] { SimulatorProcess.Service }, CancellationToken.None)).Services.Single();
                Assert.EndsWith("myservice-myapplication-task:1", service.TaskDefinition);
                Assert.DoesNotContain(SimulatorProcess.SecretKey, reporter.Text);
            }
        }

        private static async Task<EcsDeployment> StartAsync(EcsBlueGreen.Ecs.IEcsApi ecs, string tag, RecordingReporter reporter)
        {
            var starter = new DeploymentStarter(ecs, reporter);
            var plan = await starter.PlanAsync(new StartDeploymentRequest { Cluster = SimulatorProcess.Cluster, Service = SimulatorProcess.Service, Image = SimulatorProcess.Repository + ":" + tag }, CancellationToken.None);
            return await starter.ExecuteAsync(plan, CancellationToken.None);
        }
    }
}
