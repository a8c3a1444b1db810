using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

public sealed class ErrorTests
{
    [Fact]
    public async Task DescribeServicesReportsUnknownServicesAsMissingFailures()
    {
        await using var sim = await TestSimulator.StartAsync();
        var r = await sim.Ecs("DescribeServices", new { cluster = TestSimulator.Cluster, services = new[] { TestSimulator.Service, "nope" } });
        Assert.Single(r["services"]!.AsArray());
        var failure = Assert.Single(r["failures"]!.AsArray())!;
        Assert.Equal("MISSING", failure["reason"]!.GetValue<string>());
        Assert.Equal("arn:aws:ecs:eu-west-2:123456789012:service/myservice/nope", failure["arn"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownClusterRaisesClusterNotFound()
    {
        await using var sim = await TestSimulator.StartAsync();
        foreach (var (op, body) in new (string, object)[]
        {
            ("DescribeServices", new { cluster = "nope", services = new[] { "x" } }),
            ("UpdateService", new { cluster = "nope", service = "x", desiredCount = 1 }),
            ("ListTasks", new { cluster = "nope" }),
            ("ListServices", new { cluster = "nope" }),
        })
        {
            var e = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs(op, body));
            Assert.Equal("ClusterNotFoundException", e.Code);
            Assert.Equal(400, e.Status);
        }
    }

    [Fact]
    public async Task UpdateServiceErrors()
    {
        await using var sim = await TestSimulator.StartAsync();
        var missing = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = "nope", forceNewDeployment = true }));
        Assert.Equal("ServiceNotFoundException", missing.Code);
        var badTd = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, taskDefinition = "nope:7" }));
        Assert.Equal("ClientException", badTd.Code);
        var badConfig = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, deploymentConfiguration = new { minimumHealthyPercent = 150 } }));
        Assert.Equal("InvalidParameterException", badConfig.Code);

        await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, desiredCount = 0 });
        await sim.Ecs("DeleteService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service });
        var inactive = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, desiredCount = 1 }));
        Assert.Equal("ServiceNotActiveException", inactive.Code);
        var draining = await sim.DescribeService();
        Assert.Equal("DRAINING", draining["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task DescribeTasksReportsUnknownTasksAsMissing()
    {
        await using var sim = await TestSimulator.StartAsync();
        var list = await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, serviceName = TestSimulator.Service });
        var arns = list["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(2, arns.Count);
        var r = await sim.Ecs("DescribeTasks", new { cluster = TestSimulator.Cluster, tasks = arns.Append("0123456789abcdef0123456789abcdef").ToArray() });
        Assert.Equal(2, r["tasks"]!.AsArray().Count);
        Assert.All(r["tasks"]!.AsArray(), t => Assert.Equal("RUNNING", t!["lastStatus"]!.GetValue<string>()));
        Assert.Equal("MISSING", r["failures"]![0]!["reason"]!.GetValue<string>());
        var unknownService = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, serviceName = "nope" }));
        Assert.Equal("ServiceNotFoundException", unknownService.Code);
    }

    [Fact]
    public async Task StopTaskIsUserInitiatedAndTheSchedulerReplacesTheTask()
    {
        await using var sim = await TestSimulator.StartAsync();
        var list = await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, serviceName = TestSimulator.Service });
        var arn = list["taskArns"]![0]!.GetValue<string>();
        var stopped = await sim.Ecs("StopTask", new { cluster = TestSimulator.Cluster, task = arn, reason = "testing" });
        Assert.Equal("STOPPED", stopped["task"]!["desiredStatus"]!.GetValue<string>());
        Assert.Equal("UserInitiated", stopped["task"]!["stopCode"]!.GetValue<string>());
        Assert.Equal("testing", stopped["task"]!["stoppedReason"]!.GetValue<string>());
        Assert.Equal("DEACTIVATING", stopped["task"]!["lastStatus"]!.GetValue<string>());
        var lifecycle = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            await sim.Advance(1);
            var t = (await sim.Ecs("DescribeTasks", new { cluster = TestSimulator.Cluster, tasks = new[] { arn } }))["tasks"]![0]!;
            var status = t["lastStatus"]!.GetValue<string>();
            if (lifecycle.Count == 0 || lifecycle[^1] != status) lifecycle.Add(status);
        }
        Assert.Equal(new[] { "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED" }, lifecycle);
        var s = await sim.DescribeService();
        Assert.Equal(2, s["runningCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task NewTaskGoesThroughTheStartLifecycle()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, desiredCount = 3 });
        await sim.Advance(1);
        var list = await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, serviceName = TestSimulator.Service });
        var described = await sim.Ecs("DescribeTasks", new { cluster = TestSimulator.Cluster, tasks = list["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray() });
        var arn = described["tasks"]!.AsArray().Single(t => t!["lastStatus"]!.GetValue<string>() != "RUNNING")!["taskArn"]!.GetValue<string>();
        var lifecycle = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var t = (await sim.Ecs("DescribeTasks", new { cluster = TestSimulator.Cluster, tasks = new[] { arn } }))["tasks"]![0]!;
            var status = t["lastStatus"]!.GetValue<string>();
            if (lifecycle.Count == 0 || lifecycle[^1] != status) lifecycle.Add(status);
            await sim.Advance(1);
        }
        Assert.Equal(new[] { "PROVISIONING", "PENDING", "ACTIVATING", "RUNNING" }, lifecycle);
    }
}
