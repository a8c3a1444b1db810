using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

public sealed class CircuitBreakerTests
{
    private static string Reason(JsonNode d) => d["rolloutStateReason"]!.GetValue<string>();

    [Fact]
    public async Task CrashingImageTripsTheBreakerAndRollsBackToTheLastCompletedDeployment()
    {
        await using var sim = await TestSimulator.StartAsync();
        var before = await sim.DescribeService();
        var oldId = SeedHelpers.PrimaryId(before);
        var oldTaskDefinition = before["taskDefinition"]!.GetValue<string>();
        var updated = await sim.Deploy("2.1");
        var newId = SeedHelpers.PrimaryId(updated);

        var failed = await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Any(d => d!["rolloutState"]!.GetValue<string>() == "FAILED"), 600);
        var bad = failed["deployments"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == newId)!;
        Assert.Equal("ACTIVE", bad["status"]!.GetValue<string>());
        Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", Reason(bad));
        Assert.Equal(3, bad["failedTasks"]!.GetValue<int>());
        var back = failed["deployments"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == oldId)!;
        Assert.Equal("PRIMARY", back["status"]!.GetValue<string>());
        Assert.Equal("IN_PROGRESS", back["rolloutState"]!.GetValue<string>());
        Assert.Equal($"ECS deployment circuit breaker: rolling back to deploymentId {oldId}.", Reason(back));
        Assert.Equal(oldTaskDefinition, failed["taskDefinition"]!.GetValue<string>());
        var events = SeedHelpers.EventMessages(failed).ToList();
        Assert.Equal($"(service myservice-myapplication) rolling back to deployment {oldId}.", events[0]);
        Assert.Equal($"(service myservice-myapplication) (deployment {newId}) deployment failed: tasks failed to start.", events[1]);

        var done = await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Count == 1, 600, 5);
        var only = done["deployments"]!.AsArray().Single()!;
        Assert.Equal(oldId, only["id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", only["rolloutState"]!.GetValue<string>());
        Assert.Equal($"ECS deployment {oldId} completed.", Reason(only));
        Assert.Contains($"(service myservice-myapplication) (deployment {oldId}) deployment completed.", SeedHelpers.EventMessages(done));

        var crashed = (await sim.StoppedTasks()).Where(t => t["startedBy"]!.GetValue<string>() == newId).ToList();
        Assert.True(crashed.Count >= 3);
        Assert.Contains(crashed, t => t["stopCode"]!.GetValue<string>() == "EssentialContainerExited"
            && t["stoppedReason"]!.GetValue<string>() == "Essential container in task exited"
            && t["containers"]![0]!["exitCode"]!.GetValue<int>() == 1);

        var sd = await sim.Ecs("DescribeServiceDeployments", new { serviceDeploymentArns = new[] { updated["currentServiceDeployment"]!.GetValue<string>() } });
        var record = sd["serviceDeployments"]![0]!;
        Assert.Equal("ROLLBACK_SUCCESSFUL", record["status"]!.GetValue<string>());
        Assert.Equal("TRIGGERED", record["deploymentCircuitBreaker"]!["status"]!.GetValue<string>());
        Assert.Equal(3, record["deploymentCircuitBreaker"]!["threshold"]!.GetValue<int>());
        Assert.Equal(3, record["deploymentCircuitBreaker"]!["failureCount"]!.GetValue<int>());
        Assert.Equal(before["currentServiceRevisions"]![0]!["arn"]!.GetValue<string>(), record["rollback"]!["serviceRevisionArn"]!.GetValue<string>());

        var verdicts = (await sim.Control("/_simulator/verdicts"))["verdicts"]!.AsArray();
        Assert.Contains(verdicts, v => v!["deploymentId"]!.GetValue<string>() == newId && v["verdict"]!.GetValue<string>() == "FAILED");
        Assert.Contains(verdicts, v => v!["deploymentId"]!.GetValue<string>() == newId && v["verdict"]!.GetValue<string>() == "ROLLBACK_SUCCESSFUL");
    }

    [Fact]
    public async Task WithoutRollbackTheFailedDeploymentStaysBesideTheOldOne()
    {
        await using var sim = await TestSimulator.StartAsync();
        var oldId = SeedHelpers.PrimaryId(await sim.DescribeService());
        var updated = await sim.Deploy("2.1", new { deploymentCircuitBreaker = new { enable = true, rollback = false } });
        var newId = SeedHelpers.PrimaryId(updated);
        await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Any(d => d!["rolloutState"]!.GetValue<string>() == "FAILED"), 600);
        await sim.Advance(300);
        var s = await sim.DescribeService();
        var deployments = s["deployments"]!.AsArray();
        Assert.Equal(2, deployments.Count);
        var failed = deployments.Single(d => d!["id"]!.GetValue<string>() == newId)!;
        Assert.Equal("PRIMARY", failed["status"]!.GetValue<string>());
        Assert.Equal("FAILED", failed["rolloutState"]!.GetValue<string>());
        Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", Reason(failed));
        var old = deployments.Single(d => d!["id"]!.GetValue<string>() == oldId)!;
        Assert.Equal("ACTIVE", old["status"]!.GetValue<string>());
        Assert.Equal(2, old["runningCount"]!.GetValue<int>());
        Assert.DoesNotContain(SeedHelpers.EventMessages(s), m => m.Contains("rolling back", StringComparison.Ordinal));

        var sd = await sim.Ecs("DescribeServiceDeployments", new { serviceDeploymentArns = new[] { updated["currentServiceDeployment"]!.GetValue<string>() } });
        Assert.Equal("STOPPED", sd["serviceDeployments"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImageThatFailsElbHealthChecksIsReplacedThenRolledBack()
    {
        await using var sim = await TestSimulator.StartAsync();
        var before = await sim.DescribeService();
        var tgArn = before["loadBalancers"]![0]!["targetGroupArn"]!.GetValue<string>();
        var newId = SeedHelpers.PrimaryId(await sim.Deploy("2.2"));

        // The load balancer marks the target unhealthy first; ECS acts once the 30 s grace period is over.
        var sawMismatch = false;
        for (var t = 0; t < 120 && !sawMismatch; t++)
        {
            await sim.Advance(1);
            var health = await sim.Elb("DescribeTargetHealth", new Dictionary<string, string> { ["TargetGroupArn"] = tgArn });
            sawMismatch = TestSimulator.All(health, "member").Any(m => TestSimulator.All(m, "State").Single().Value == "unhealthy"
                && TestSimulator.All(m, "Reason").Single().Value == "Target.ResponseCodeMismatch"
                && TestSimulator.All(m, "Description").Single().Value == "Health checks failed with these codes: [503]");
        }
        Assert.True(sawMismatch, "no target went unhealthy with Target.ResponseCodeMismatch");
        Assert.DoesNotContain(SeedHelpers.EventMessages(await sim.DescribeService()), m => m.Contains("is unhealthy in", StringComparison.Ordinal));
        var unhealthy = await sim.AdvanceUntil(s => SeedHelpers.EventMessages(s).Any(m => m.Contains("is unhealthy in", StringComparison.Ordinal)), 300);
        Assert.Matches(@"^\(service myservice-myapplication\) \(task [0-9a-f]{32}\) \(port 8080\) is unhealthy in \(target-group " + System.Text.RegularExpressions.Regex.Escape(tgArn) + @"\) due to \(reason Health checks failed with these codes: \[503\]\)\.$",
            SeedHelpers.EventMessages(unhealthy).First(m => m.Contains("is unhealthy in", StringComparison.Ordinal)));

        var done = await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Count == 1 && s["deployments"]![0]!["rolloutState"]!.GetValue<string>() == "COMPLETED", 900, 5);
        Assert.Equal(before["taskDefinition"]!.GetValue<string>(), done["taskDefinition"]!.GetValue<string>());
        Assert.Contains(SeedHelpers.EventMessages(done), m => m.Contains("Amazon ECS replaced 1 tasks due to an unhealthy status.", StringComparison.Ordinal) || m.Contains("Amazon ECS replaced 2 tasks due to an unhealthy status.", StringComparison.Ordinal));
        var stopped = (await sim.StoppedTasks()).Where(t => t["startedBy"]!.GetValue<string>() == newId).ToList();
        Assert.Contains(stopped, t => t["stoppedReason"]!.GetValue<string>() == $"Task failed ELB health checks in (target-group {tgArn})");
    }

    [Fact]
    public async Task MissingImageTagFailsTasksWithCannotPullContainerError()
    {
        await using var sim = await TestSimulator.StartAsync();
        var newId = SeedHelpers.PrimaryId(await sim.Deploy("9.9"));
        var failed = await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Any(d => d!["rolloutState"]!.GetValue<string>() == "FAILED"), 600);
        Assert.Contains($"(service myservice-myapplication) (deployment {newId}) deployment failed: tasks failed to start.", SeedHelpers.EventMessages(failed));
        await sim.Advance(30);
        var stopped = (await sim.StoppedTasks()).Where(t => t["startedBy"]!.GetValue<string>() == newId).ToList();
        Assert.True(stopped.Count >= 3);
        Assert.All(stopped, t =>
        {
            Assert.Equal("TaskFailedToStart", t["stopCode"]!.GetValue<string>());
            Assert.StartsWith("CannotPullContainerError: ", t["stoppedReason"]!.GetValue<string>());
            Assert.Contains("myapplication:9.9", t["stoppedReason"]!.GetValue<string>());
            Assert.Null(t["startedAt"]);
        });
    }
}
