using System.Diagnostics;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

public sealed class FaultAndControlTests
{
    private static readonly object Body = new { cluster = TestSimulator.Cluster, services = new[] { TestSimulator.Service } };

    [Fact]
    public async Task ThrottleRateOneThrottlesEveryCallAndIsCounted()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.Faults.Throttle = 1.0);
        var e = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("DescribeServices", Body));
        Assert.Equal((400, "ThrottlingException"), (e.Status, e.Code));
        var elb = await Assert.ThrowsAsync<AwsError>(() => sim.Elb("DescribeTargetGroups"));
        Assert.Equal("Throttling", elb.Code);
        Assert.Equal(1, (await sim.Control("/_simulator/requests"))["ECS.DescribeServices"]!.GetValue<int>());
    }

    [Fact]
    public async Task PerOperationFaultsAtRunTime()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.ControlPost("/_simulator/faults", "{\"operations\":{\"ECS.DescribeServices\":{\"5xx\":1.0}}}");
        var e = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("DescribeServices", Body));
        Assert.Contains(e.Status, new[] { 500, 503 });
        await sim.Ecs("ListServices", new { cluster = TestSimulator.Cluster });

        await sim.ControlPost("/_simulator/faults", "{\"operations\":{\"ECS.ListServices\":{\"drop\":1.0}}}");
        await Assert.ThrowsAsync<HttpRequestException>(() => sim.Ecs("ListServices", new { cluster = TestSimulator.Cluster }));
        await sim.Ecs("DescribeServices", Body);

        await sim.ControlPost("/_simulator/faults", "{\"latencyMs\":300}");
        var watch = Stopwatch.StartNew();
        await sim.Ecs("DescribeServices", Body);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"latency {watch.ElapsedMilliseconds} ms");
        await sim.ControlPost("/_simulator/faults", "{}");

        var counts = await sim.Control("/_simulator/requests");
        Assert.Equal(3, counts["ECS.DescribeServices"]!.GetValue<int>());
        Assert.Equal(2, counts["ECS.ListServices"]!.GetValue<int>());
        await sim.ControlPost("/_simulator/requests/reset");
        Assert.Empty((await sim.Control("/_simulator/requests")).AsObject());
    }

    [Fact]
    public async Task A5xxOrDropThatTookEffectRanTheCallFirst()
    {
        await using var sim = await TestSimulator.StartAsync();
        async Task<int> Revisions() =>
            (await sim.Ecs("ListTaskDefinitions", new { familyPrefix = "myservice-myapplication-task" }))["taskDefinitionArns"]!.AsArray().Count;
        var described = await sim.Ecs("DescribeTaskDefinition", new { taskDefinition = "myservice-myapplication-task" });
        var input = new System.Text.Json.Nodes.JsonObject
        {
            ["family"] = "myservice-myapplication-task",
            ["containerDefinitions"] = described["taskDefinition"]!["containerDefinitions"]!.DeepClone(),
        };
        Assert.Equal(1, await Revisions());

        await sim.ControlPost("/_simulator/faults", "{\"operations\":{\"ECS.RegisterTaskDefinition\":{\"5xx\":1.0}}}");
        await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("RegisterTaskDefinition", input));
        Assert.Equal(1, await Revisions());

        await sim.ControlPost("/_simulator/faults", "{\"operations\":{\"ECS.RegisterTaskDefinition\":{\"5xx\":1.0,\"takenEffect\":1.0}}}");
        var e = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("RegisterTaskDefinition", input));
        Assert.Contains(e.Status, new[] { 500, 503 });
        Assert.Equal(2, await Revisions());

        await sim.ControlPost("/_simulator/faults", "{\"operations\":{\"ECS.RegisterTaskDefinition\":{\"drop\":1.0,\"takenEffect\":1.0}}}");
        await Assert.ThrowsAsync<HttpRequestException>(() => sim.Ecs("RegisterTaskDefinition", input));
        Assert.Equal(3, await Revisions());
    }

    [Fact]
    public async Task EnforcedRateLimitsThrottleAHammeringClient()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.EnforceRateLimits = true);
        var throttled = 0;
        for (var i = 0; i < 160 && throttled == 0; i++)
        {
            try { await sim.Ecs("DescribeServices", Body); }
            catch (AwsError e) when (e.Code == "ThrottlingException") { throttled++; }
        }
        Assert.True(throttled > 0, "160 back-to-back DescribeServices calls were never throttled (bucket 100, 20/s)");
    }

    [Fact]
    public async Task RateLimitsCanBeSwitchedOnAndOffAtRunTime()
    {
        await using var sim = await TestSimulator.StartAsync();
        Assert.False((await sim.Control("/_simulator/rate-limits"))["enabled"]!.GetValue<bool>());
        async Task<int> ThrottledOf(int calls)
        {
            var throttled = 0;
            for (var i = 0; i < calls; i++)
            {
                try { await sim.Ecs("DescribeServices", Body); }
                catch (AwsError e) when (e.Code == "ThrottlingException") { throttled++; }
            }
            return throttled;
        }

        Assert.Equal(0, await ThrottledOf(160));
        Assert.True((await sim.ControlPost("/_simulator/rate-limits?enabled=true"))["enabled"]!.GetValue<bool>());
        Assert.True(await ThrottledOf(160) > 0, "160 back-to-back DescribeServices calls with the limits on were never throttled (bucket 100, 20/s)");
        Assert.False((await sim.ControlPost("/_simulator/rate-limits?enabled=false"))["enabled"]!.GetValue<bool>());
        Assert.Equal(0, await ThrottledOf(160));
    }

    [Fact]
    public async Task ClockAdvanceAndScenarioReset()
    {
        await using var sim = await TestSimulator.StartAsync();
        var clock = await sim.Control("/_simulator/clock");
        Assert.Equal("2026-11-01T10:00:00.000Z", clock["now"]!.GetValue<string>());
        var after = await sim.Advance(90);
        Assert.Equal(clock["epochSeconds"]!.GetValue<double>() + 90, after["epochSeconds"]!.GetValue<double>());
        await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, forceNewDeployment = true });
        await sim.ControlPost("/_simulator/scenario/fleet20");
        var services = await sim.Ecs("ListServices", new { cluster = TestSimulator.Cluster, maxResults = 10 });
        Assert.Equal(10, services["serviceArns"]!.AsArray().Count);
        var all = new List<string>();
        string? token = null;
        do
        {
            var page = await sim.Ecs("ListServices", token == null ? new { cluster = TestSimulator.Cluster, maxResults = 10 } : (object)new { cluster = TestSimulator.Cluster, maxResults = 10, nextToken = token });
            all.AddRange(page["serviceArns"]!.AsArray().Select(a => a!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
        } while (token != null);
        Assert.Equal(21, all.Count);
        Assert.Contains("arn:aws:ecs:eu-west-2:123456789012:service/myservice/fleet-20", all);
        Assert.Single((await sim.DescribeService())["deployments"]!.AsArray());
    }

    [Fact]
    public async Task TaskDefinitionsComeBackLosslessly()
    {
        await using var sim = await TestSimulator.StartAsync();
        var original = await sim.Ecs("DescribeTaskDefinition", new { taskDefinition = "myservice-myapplication-task", include = new[] { "TAGS" } });
        var arn = await sim.RegisterWithImage("123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication:1.0");
        var copy = await sim.Ecs("DescribeTaskDefinition", new { taskDefinition = arn, include = new[] { "TAGS" } });
        var a = original["taskDefinition"]!.AsObject();
        var b = copy["taskDefinition"]!.AsObject();
        foreach (var (key, value) in a)
        {
            if (key is "taskDefinitionArn" or "revision" or "registeredAt") continue;
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(value, b[key]), $"{key} differs");
        }
        Assert.Equal(2, b["revision"]!.GetValue<int>());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(original["tags"], copy["tags"]));
        Assert.Equal("DB_PASSWORD", b["containerDefinitions"]![0]!["secrets"]![0]!["name"]!.GetValue<string>());
        var families = await sim.Ecs("ListTaskDefinitionFamilies", new { familyPrefix = "myservice" });
        Assert.Single(families["families"]!.AsArray());
        await sim.Ecs("DeregisterTaskDefinition", new { taskDefinition = arn });
        var list = await sim.Ecs("ListTaskDefinitions", new { familyPrefix = "myservice-myapplication-task" });
        Assert.Single(list["taskDefinitionArns"]!.AsArray());
    }
}
