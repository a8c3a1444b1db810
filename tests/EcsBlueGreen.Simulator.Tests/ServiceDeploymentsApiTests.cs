using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

public sealed class ServiceDeploymentsApiTests
{
    private static async Task<JsonNode> Describe(TestSimulator sim, string arn) =>
        (await sim.Ecs("DescribeServiceDeployments", new { serviceDeploymentArns = new[] { arn } }))["serviceDeployments"]![0]!;

    [Fact]
    public async Task SeedHasOneSuccessfulServiceDeploymentAndANewOneGoesPendingInProgressSuccessful()
    {
        await using var sim = await TestSimulator.StartAsync();
        var list = await sim.Ecs("ListServiceDeployments", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service });
        var seeded = Assert.Single(list["serviceDeployments"]!.AsArray())!;
        Assert.Equal("SUCCESSFUL", seeded["status"]!.GetValue<string>());
        Assert.Matches(@"^arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/myservice-myapplication/[A-Z0-9]{8}-[A-Za-z0-9]{12}$", seeded["serviceDeploymentArn"]!.GetValue<string>());

        var s = await sim.Deploy("2.0");
        var arn = s["currentServiceDeployment"]!.GetValue<string>();
        Assert.NotEqual(seeded["serviceDeploymentArn"]!.GetValue<string>(), arn);
        Assert.Equal("PENDING", (await Describe(sim, arn))["status"]!.GetValue<string>());
        await sim.Advance(1);
        var running = await Describe(sim, arn);
        Assert.Equal("IN_PROGRESS", running["status"]!.GetValue<string>());
        Assert.Equal("MONITORING", running["deploymentCircuitBreaker"]!["status"]!.GetValue<string>());
        Assert.Equal(seeded["targetServiceRevisionArn"]!.GetValue<string>(), running["sourceServiceRevisions"]![0]!["arn"]!.GetValue<string>());
        await sim.AdvanceUntil(x => x["deployments"]!.AsArray().Count == 1, 300, 5);
        var done = await Describe(sim, arn);
        Assert.Equal("SUCCESSFUL", done["status"]!.GetValue<string>());
        Assert.NotNull(done["finishedAt"]);

        var filtered = await sim.Ecs("ListServiceDeployments", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, status = new[] { "SUCCESSFUL" }, maxResults = 1 });
        Assert.Single(filtered["serviceDeployments"]!.AsArray());
        Assert.NotNull(filtered["nextToken"]);
        var missing = await sim.Ecs("DescribeServiceDeployments", new { serviceDeploymentArns = new[] { arn + "x" } });
        Assert.Equal("MISSING", missing["failures"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task StopServiceDeploymentRollbackGoesRequestedInProgressSuccessful()
    {
        await using var sim = await TestSimulator.StartAsync();
        var before = await sim.DescribeService();
        var s = await sim.Deploy("2.0");
        var arn = s["currentServiceDeployment"]!.GetValue<string>();
        await sim.Advance(10);
        var stop = await sim.Ecs("StopServiceDeployment", new { serviceDeploymentArn = arn, stopType = "ROLLBACK" });
        Assert.Equal(arn, stop["serviceDeploymentArn"]!.GetValue<string>());
        Assert.Equal("ROLLBACK_REQUESTED", (await Describe(sim, arn))["status"]!.GetValue<string>());
        await sim.Advance(1);
        var rolling = await Describe(sim, arn);
        Assert.Equal("ROLLBACK_IN_PROGRESS", rolling["status"]!.GetValue<string>());
        Assert.NotNull(rolling["rollback"]!["startedAt"]);
        var done = await sim.AdvanceUntil(x => x["deployments"]!.AsArray().Count == 1 && x["deployments"]![0]!["rolloutState"]!.GetValue<string>() == "COMPLETED", 300, 5);
        Assert.Equal(before["taskDefinition"]!.GetValue<string>(), done["taskDefinition"]!.GetValue<string>());
        Assert.Equal("ROLLBACK_SUCCESSFUL", (await Describe(sim, arn))["status"]!.GetValue<string>());
        var conflict = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("StopServiceDeployment", new { serviceDeploymentArn = arn, stopType = "ROLLBACK" }));
        Assert.Equal("ConflictException", conflict.Code);
        var unknown = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("StopServiceDeployment", new { serviceDeploymentArn = arn + "nope" }));
        Assert.Equal("ServiceDeploymentNotFoundException", unknown.Code);
    }

    [Fact]
    public async Task ANewerDeploymentStopsTheUnfinishedOne()
    {
        await using var sim = await TestSimulator.StartAsync();
        var first = (await sim.Deploy("2.0"))["currentServiceDeployment"]!.GetValue<string>();
        await sim.Advance(5);
        await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, forceNewDeployment = true });
        Assert.Equal("STOP_REQUESTED", (await Describe(sim, first))["status"]!.GetValue<string>());
        await sim.Advance(1);
        Assert.Equal("STOPPED", (await Describe(sim, first))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SwitchedOffApiAnswersAccessDenied()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.ServiceDeploymentsApiDenied = true);
        foreach (var (op, body) in new (string, object)[]
        {
            ("ListServiceDeployments", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service }),
            ("DescribeServiceDeployments", new { serviceDeploymentArns = new[] { "arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/x/y" } }),
            ("StopServiceDeployment", new { serviceDeploymentArn = "arn:aws:ecs:eu-west-2:123456789012:service-deployment/myservice/x/y" }),
        })
        {
            var e = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs(op, body));
            Assert.Equal("AccessDeniedException", e.Code);
            Assert.Equal(400, e.Status);
        }
        Assert.Single((await sim.DescribeService())["deployments"]!.AsArray());
    }
}
