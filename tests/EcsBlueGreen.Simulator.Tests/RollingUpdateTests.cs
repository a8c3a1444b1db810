using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

public sealed class RollingUpdateTests
{
    [Fact]
    public async Task SeedServiceIsSteadyOnOnePointZeroWithOneCompletedDeployment()
    {
        await using var sim = await TestSimulator.StartAsync();
        var s = await sim.DescribeService();
        Assert.Equal(2, s["desiredCount"]!.GetValue<int>());
        Assert.Equal(2, s["runningCount"]!.GetValue<int>());
        var d = Assert.Single(s["deployments"]!.AsArray())!;
        Assert.Equal("COMPLETED", d["rolloutState"]!.GetValue<string>());
        Assert.Equal($"ECS deployment {d["id"]} completed.", d["rolloutStateReason"]!.GetValue<string>());
        Assert.Matches(@"^ecs-svc/\d{19}$", d["id"]!.GetValue<string>());
        Assert.Equal("(service myservice-myapplication) has reached a steady state.", SeedHelpers.EventMessages(s).First());
        Assert.Equal(100, s["deploymentConfiguration"]!["minimumHealthyPercent"]!.GetValue<int>());
        Assert.Equal(200, s["deploymentConfiguration"]!["maximumPercent"]!.GetValue<int>());
        Assert.True(s["deploymentConfiguration"]!["deploymentCircuitBreaker"]!["rollback"]!.GetValue<bool>());
        var td = await sim.Ecs("DescribeTaskDefinition", new { taskDefinition = s["taskDefinition"]!.GetValue<string>() });
        Assert.EndsWith("/myapplication:1.0", td["taskDefinition"]!["containerDefinitions"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task HealthyRolloutFollowsTheArticlesEventSequenceAndKeepsTheBounds()
    {
        await using var sim = await TestSimulator.StartAsync();
        var before = await sim.DescribeService();
        var oldId = SeedHelpers.PrimaryId(before);
        var tgArn = before["loadBalancers"]![0]!["targetGroupArn"]!.GetValue<string>();
        var updated = await sim.Deploy("2.0");
        var newId = SeedHelpers.PrimaryId(updated);
        Assert.Equal(2, updated["deployments"]!.AsArray().Count);
        Assert.Equal("IN_PROGRESS", updated["deployments"]![0]!["rolloutState"]!.GetValue<string>());
        Assert.Equal("ACTIVE", updated["deployments"]![1]!["status"]!.GetValue<string>());

        JsonObject s = updated;
        for (var t = 0; t < 400 && s["deployments"]!.AsArray().Count > 1; t += 2)
        {
            await sim.Advance(2);
            s = await sim.DescribeService();
            // maximumPercent 200 of 2: at most 4 tasks pending or running over all deployments.
            var inFlight = s["deployments"]!.AsArray().Sum(d => d!["runningCount"]!.GetValue<int>() + d["pendingCount"]!.GetValue<int>());
            Assert.InRange(inFlight, 0, 4);
            // minimumHealthyPercent 100 of 2: at least 2 healthy targets at every sample.
            var health = await sim.Elb("DescribeTargetHealth", new Dictionary<string, string> { ["TargetGroupArn"] = tgArn });
            Assert.True(TestSimulator.All(health, "State").Count(x => x.Value == "healthy") >= 2, "healthy fell below minimumHealthyPercent");
        }
        var final = Assert.Single(s["deployments"]!.AsArray())!;
        Assert.Equal(newId, final["id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", final["rolloutState"]!.GetValue<string>());
        Assert.Equal(2, s["runningCount"]!.GetValue<int>());

        var events = SeedHelpers.EventMessages(s).TakeWhile(m => !m.Contains(oldId + ") deployment completed", StringComparison.Ordinal)).Reverse()
            .SkipWhile(m => m.EndsWith("steady state.", StringComparison.Ordinal)).ToList();
        var service = "(service myservice-myapplication)";
        Assert.Collection(events,
            e => Assert.Matches(@"^\(service myservice-myapplication\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$", e),
            e => Assert.Equal($"{service} registered 2 targets in (target-group {tgArn})", e),
            e => Assert.Matches(@"^\(service myservice-myapplication\) has stopped 2 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$", e),
            e => Assert.Equal($"{service} deregistered 2 targets in (target-group {tgArn})", e),
            e => Assert.Equal($"(service myservice-myapplication, taskSet {oldId}) has begun draining connections on 2 tasks.", e),
            e => Assert.Equal($"{service} (deployment {newId}) deployment completed.", e),
            e => Assert.Equal($"{service} has reached a steady state.", e));

        var stopped = await sim.StoppedTasks();
        Assert.Equal(2, stopped.Count);
        Assert.All(stopped, t =>
        {
            Assert.Equal("ServiceSchedulerInitiated", t["stopCode"]!.GetValue<string>());
            Assert.Equal($"Scaling activity initiated by (deployment {newId})", t["stoppedReason"]!.GetValue<string>());
            Assert.Equal(oldId, t["startedBy"]!.GetValue<string>());
            Assert.Equal("service:myservice-myapplication", t["group"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData(30)]
    [InlineData(300)]
    public async Task OldTargetsDrainForTheDeregistrationDelayBeforeTheDeploymentCompletes(int delay)
    {
        await using var sim = await TestSimulator.StartAsync();
        var tgArn = (await sim.DescribeService())["loadBalancers"]![0]!["targetGroupArn"]!.GetValue<string>();
        await sim.Elb("ModifyTargetGroupAttributes", new Dictionary<string, string>
        {
            ["TargetGroupArn"] = tgArn,
            ["Attributes.member.1.Key"] = "deregistration_delay.timeout_seconds",
            ["Attributes.member.1.Value"] = delay.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var attributes = await sim.Elb("DescribeTargetGroupAttributes", new Dictionary<string, string> { ["TargetGroupArn"] = tgArn });
        Assert.Contains(TestSimulator.All(attributes, "member"), m => TestSimulator.Child(m, "Key") == "deregistration_delay.timeout_seconds" && TestSimulator.Child(m, "Value") == delay.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await sim.Deploy("2.0");
        var draining = await sim.AdvanceUntil(s => SeedHelpers.EventMessages(s).Any(m => m.Contains("has begun draining", StringComparison.Ordinal)), 300);
        var drainStart = draining["events"]!.AsArray().First(e => e!["message"]!.GetValue<string>().Contains("has begun draining", StringComparison.Ordinal))!["createdAt"]!.GetValue<double>();
        var health = await sim.Elb("DescribeTargetHealth", new Dictionary<string, string> { ["TargetGroupArn"] = tgArn });
        Assert.Equal(2, TestSimulator.All(health, "Reason").Count(r => r.Value == "Target.DeregistrationInProgress"));

        await sim.Advance(delay - 2);
        Assert.Equal(2, (await sim.DescribeService())["deployments"]!.AsArray().Count);
        health = await sim.Elb("DescribeTargetHealth", new Dictionary<string, string> { ["TargetGroupArn"] = tgArn });
        Assert.Equal(2, TestSimulator.All(health, "State").Count(r => r.Value == "draining"));

        var done = await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Count == 1, 20);
        var completedAt = done["events"]!.AsArray().First(e => e!["message"]!.GetValue<string>().EndsWith("deployment completed.", StringComparison.Ordinal))!["createdAt"]!.GetValue<double>();
        Assert.InRange(completedAt - drainStart, delay, delay + 1.01);
        health = await sim.Elb("DescribeTargetHealth", new Dictionary<string, string> { ["TargetGroupArn"] = tgArn });
        Assert.Equal(2, TestSimulator.All(health, "State").Count());
    }

    [Fact]
    public async Task ForceNewDeploymentReplacesTasksWithTheSameTaskDefinition()
    {
        await using var sim = await TestSimulator.StartAsync();
        var before = await sim.DescribeService();
        var r = await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, forceNewDeployment = true });
        var s = (JsonObject)r["service"]!;
        Assert.Equal(2, s["deployments"]!.AsArray().Count);
        Assert.Equal(before["taskDefinition"]!.GetValue<string>(), s["taskDefinition"]!.GetValue<string>());
        var done = await sim.AdvanceUntil(x => x["deployments"]!.AsArray().Count == 1, 300, 5);
        Assert.NotEqual(SeedHelpers.PrimaryId(before), SeedHelpers.PrimaryId(done));
    }

    [Fact]
    public async Task ChangingOnlyDesiredCountScalesWithoutANewDeployment()
    {
        await using var sim = await TestSimulator.StartAsync();
        var r = await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, desiredCount = 4 });
        Assert.Single(r["service"]!["deployments"]!.AsArray());
        var s = await sim.AdvanceUntil(x => x["runningCount"]!.GetValue<int>() == 4, 200, 5);
        Assert.Single(s["deployments"]!.AsArray());
        await sim.Advance(60);
        Assert.StartsWith("(service myservice-myapplication) has reached a steady state.", SeedHelpers.EventMessages(await sim.DescribeService()).First());
    }
}
