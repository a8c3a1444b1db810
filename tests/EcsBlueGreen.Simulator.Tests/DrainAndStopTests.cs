using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

/// <summary>The tail of a rolling update: draining targets, the stop signal, scale-in protection and stopped-task retention.</summary>
public sealed class DrainAndStopTests
{
    private static async Task<JsonObject> DeployWith(TestSimulator sim, string tag, Action<JsonObject> change)
    {
        var current = await sim.Ecs("DescribeTaskDefinition", new { taskDefinition = "myservice-myapplication-task", include = new[] { "TAGS" } });
        var td = (JsonObject)current["taskDefinition"]!.DeepClone();
        foreach (var readOnly in new[] { "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt" })
            td.Remove(readOnly);
        td["containerDefinitions"]![0]!["image"] = $"{SeedHelpers.Image}:{tag}";
        change(td);
        var registered = await sim.Ecs("RegisterTaskDefinition", td);
        var arn = registered["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
        var r = await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, taskDefinition = arn });
        return (JsonObject)r["service"]!;
    }

    private static bool Completed(JsonObject s) =>
        s["deployments"]!.AsArray().Count == 1 && s["deployments"]![0]!["rolloutState"]!.GetValue<string>() == "COMPLETED";

    private static async Task<List<XTarget>> Targets(TestSimulator sim, string tgArn)
    {
        var doc = await sim.Elb("DescribeTargetHealth", new Dictionary<string, string> { ["TargetGroupArn"] = tgArn });
        return TestSimulator.All(doc, "TargetHealthDescriptions").Single().Elements().Select(m =>
        {
            var health = m.Elements().First(e => e.Name.LocalName == "TargetHealth");
            var reason = health.Elements().FirstOrDefault(e => e.Name.LocalName == "Reason")?.Value;
            return new XTarget(TestSimulator.Child(m.Elements().First(e => e.Name.LocalName == "Target"), "Id"), TestSimulator.Child(health, "State"), reason);
        }).ToList();
    }

    private sealed record XTarget(string Id, string State, string? Reason);

    [Fact]
    public async Task OldTargetsDrainForExactlyTheGroupsDeregistrationDelay()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tgArn = (await sim.DescribeService())["loadBalancers"]![0]!["targetGroupArn"]!.GetValue<string>();
        var attributes = await sim.Elb("DescribeTargetGroupAttributes", new Dictionary<string, string> { ["TargetGroupArn"] = tgArn });
        var delay = TestSimulator.All(attributes, "member").First(m => TestSimulator.Child(m, "Key") == "deregistration_delay.timeout_seconds");
        Assert.Equal("30", TestSimulator.Child(delay, "Value"));

        await sim.Deploy("2.0");
        var drainingSeconds = 0;
        var sawDraining = false;
        for (var t = 0; t < 300; t++)
        {
            var targets = await Targets(sim, tgArn);
            var draining = targets.Where(x => x.State == "draining").ToList();
            if (draining.Count > 0)
            {
                sawDraining = true;
                Assert.Equal(2, draining.Count);
                Assert.All(draining, x => Assert.Equal("Target.DeregistrationInProgress", x.Reason));
                drainingSeconds++;
            }
            else if (sawDraining)
            {
                Assert.Equal(2, targets.Count);
                break;
            }
            await sim.Advance(1);
        }
        Assert.Equal(30, drainingSeconds);
    }

    [Fact]
    public async Task AnAppIgnoringTheStopSignalIsKilledWithExitCode137AfterStopTimeout()
    {
        await using var sim = await TestSimulator.StartAsync();
        await DeployWith(sim, "2.0", td =>
        {
            var c = (JsonObject)td["containerDefinitions"]![0]!;
            c["stopTimeout"] = 20;
            c["environment"] = new JsonArray(new JsonObject { ["name"] = "SIM_IGNORE_SIGTERM", ["value"] = "true" });
        });
        var first = SeedHelpers.PrimaryId(await sim.AdvanceUntil(Completed, 400));
        await sim.Deploy("2.0");
        await sim.AdvanceUntil(Completed, 400);
        // Completion comes when the old tasks leave RUNNING/DEACTIVATING; STOPPED follows the deprovisioning.
        await sim.Advance(60);

        var killed = (await sim.StoppedTasks()).Where(t => t["startedBy"]!.GetValue<string>() == first).ToList();
        Assert.Equal(2, killed.Count);
        Assert.All(killed, t =>
        {
            Assert.Equal(137, t["containers"]![0]!["exitCode"]!.GetValue<int>());
            Assert.Equal("ServiceSchedulerInitiated", t["stopCode"]!.GetValue<string>());
            // 30 s of draining, one step to leave DEACTIVATING, then the full 20 s stopTimeout.
            var stopping = t["stoppingAt"]!.GetValue<double>();
            Assert.Equal(51, t["executionStoppedAt"]!.GetValue<double>() - stopping);
        });
        // The seed's own tasks exited on SIGTERM: exit 0 after the agent's 5 s.
        var seedStopped = (await sim.StoppedTasks()).Where(t => t["startedBy"]!.GetValue<string>() != first).ToList();
        Assert.Equal(2, seedStopped.Count);
        Assert.All(seedStopped, t =>
        {
            Assert.Equal(0, t["containers"]![0]!["exitCode"]!.GetValue<int>());
            Assert.Equal(36, t["executionStoppedAt"]!.GetValue<double>() - t["stoppingAt"]!.GetValue<double>());
        });
    }

    [Fact]
    public async Task ScaleInProtectionHoldsOldTasksUntilItIsLifted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var running = await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, serviceName = TestSimulator.Service });
        var arns = running["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var updated = await sim.Ecs("UpdateTaskProtection", new { cluster = TestSimulator.Cluster, tasks = new[] { arns[0], "0123456789abcdef0123456789abcdef" }, protectionEnabled = true, expiresInMinutes = 60 });
        var p = Assert.Single(updated["protectedTasks"]!.AsArray())!;
        Assert.Equal(arns[0], p["taskArn"]!.GetValue<string>());
        Assert.True(p["protectionEnabled"]!.GetValue<bool>());
        var now = (await sim.Control("/_simulator/clock"))["now"]!.GetValue<string>();
        Assert.Equal(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(60).ToUnixTimeMilliseconds() / 1000.0, p["expirationDate"]!.GetValue<double>());
        Assert.Equal("TASK_NOT_VALID", updated["failures"]![0]!["reason"]!.GetValue<string>());

        await sim.Deploy("2.0");
        await sim.Advance(300);
        var s = await sim.DescribeService();
        Assert.Equal(2, s["deployments"]!.AsArray().Count);
        var stillRunning = await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, serviceName = TestSimulator.Service });
        Assert.Contains(arns[0], stillRunning["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.DoesNotContain(arns[1], stillRunning["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()));
        var got = await sim.Ecs("GetTaskProtection", new { cluster = TestSimulator.Cluster, tasks = new[] { arns[0] } });
        Assert.True(got["protectedTasks"]![0]!["protectionEnabled"]!.GetValue<bool>());

        await sim.Ecs("UpdateTaskProtection", new { cluster = TestSimulator.Cluster, tasks = new[] { arns[0] }, protectionEnabled = false });
        var done = await sim.AdvanceUntil(Completed, 200);
        Assert.Equal(2, done["runningCount"]!.GetValue<int>());
        var lifted = await sim.Ecs("GetTaskProtection", new { cluster = TestSimulator.Cluster, tasks = new[] { arns[0] } });
        Assert.False(lifted["protectedTasks"]![0]!["protectionEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task StoppedTasksStayFindableByStartedByForAnHourThenGo()
    {
        await using var sim = await TestSimulator.StartAsync();
        var oldId = SeedHelpers.PrimaryId(await sim.DescribeService());
        await sim.Deploy("2.0");
        await sim.AdvanceUntil(Completed, 400);
        await sim.Advance(60);
        var byDeployment = await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, startedBy = oldId, desiredStatus = "STOPPED" });
        Assert.Equal(2, byDeployment["taskArns"]!.AsArray().Count);
        var tasks = await sim.Ecs("DescribeTasks", new { cluster = TestSimulator.Cluster, tasks = byDeployment["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray() });
        var stoppedAt = tasks["tasks"]!.AsArray().Max(t => t!["stoppedAt"]!.GetValue<double>());
        Assert.All(tasks["tasks"]!.AsArray(), t =>
        {
            Assert.Equal("256", t!["cpu"]!.GetValue<string>());
            Assert.Equal("x86_64", t["attributes"]![0]!["value"]!.GetValue<string>());
            Assert.True(t["pullStartedAt"]!.GetValue<double>() < t["startedAt"]!.GetValue<double>());
        });

        var clock = DateTimeOffset.Parse((await sim.Control("/_simulator/clock"))["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var untilJustBefore = stoppedAt + 3599 - clock.ToUnixTimeMilliseconds() / 1000.0;
        await sim.Advance(untilJustBefore);
        Assert.Equal(2, (await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, startedBy = oldId, desiredStatus = "STOPPED" }))["taskArns"]!.AsArray().Count);
        await sim.Advance(1);
        Assert.Empty((await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, startedBy = oldId, desiredStatus = "STOPPED" }))["taskArns"]!.AsArray());
    }
}
