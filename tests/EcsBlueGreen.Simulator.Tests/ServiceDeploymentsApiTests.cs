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

    [Fact]
    public async Task Html500ModeAnswersEveryServiceDeploymentsCallWithAnHtmlPageAndLeavesTheRestAlone()
    {
        await using var sim = await TestSimulator.StartAsync();
        var switched = await sim.ControlPost("/_simulator/service-deployments-api?mode=html-500");
        Assert.Equal("html-500", switched["mode"]!.GetValue<string>());
        Assert.False(switched["enabled"]!.GetValue<bool>());
        foreach (var op in new[] { "ListServiceDeployments", "DescribeServiceDeployments", "StopServiceDeployment" })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes("{}");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUri, "/"));
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
            request.Headers.Add("X-Amz-Target", $"AmazonEC2ContainerServiceV20141113.{op}");
            TestSigner.Sign(request, bytes, "ecs", "eu-west-2", TestSimulator.AccessKey, TestSimulator.SecretKey, null);
            using var response = await sim.Http.SendAsync(request);
            Assert.Equal(500, (int)response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.False(response.Headers.Contains("x-amzn-ErrorType"));
            Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync());
        }
        Assert.Single((await sim.DescribeService())["deployments"]!.AsArray());
        var log = (await sim.Control("/_simulator/requests/log"))["requests"]!.AsArray();
        Assert.Equal(new int?[] { 500, 500, 500 }, log.Where(e => e!["operation"]!.GetValue<string>().Contains("ServiceDeployment")).Select(e => (int?)e!["status"]!.GetValue<int>()).ToArray());

        var unknown = await sim.ControlPost("/_simulator/service-deployments-api?mode=unknown-operation");
        Assert.Equal("unknown-operation", unknown["mode"]!.GetValue<string>());
        var e = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("ListServiceDeployments", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service }));
        Assert.Equal("UnknownOperationException", e.Code);

        var on = await sim.ControlPost("/_simulator/service-deployments-api?enabled=true");
        Assert.Equal("available", on["mode"]!.GetValue<string>());
        Assert.Single((await sim.Ecs("ListServiceDeployments", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service }))["serviceDeployments"]!.AsArray());
    }

    [Fact]
    public async Task AnAddedKeyPairIsAcceptedAndTheLogNamesTheKeyThatSigned()
    {
        await using var sim = await TestSimulator.StartAsync();
        const string otherKey = "AKIAOTHERPRINCIPAL01";
        const string otherSecret = "otherSecretKeyForTheSecondPrincipal00000";
        await Assert.ThrowsAsync<AwsError>(() => sim.Json("ECS", "AmazonEC2ContainerServiceV20141113", "ecs", "ListClusters", null, otherKey, otherSecret));
        await sim.ControlPost("/_simulator/credentials", "{\"accessKeyId\":\"" + otherKey + "\",\"secretAccessKey\":\"" + otherSecret + "\"}");
        await sim.Json("ECS", "AmazonEC2ContainerServiceV20141113", "ecs", "ListClusters", null, otherKey, otherSecret);
        await sim.Ecs("ListClusters");
        var log = (await sim.Control("/_simulator/requests/log"))["requests"]!.AsArray().Select(e => (e!["accessKeyId"]!.GetValue<string>(), e["status"]!.GetValue<int>())).ToArray();
        Assert.Equal(new[] { (otherKey, 403), (otherKey, 200), (TestSimulator.AccessKey, 200) }, log);
        Assert.DoesNotContain(otherSecret, (await sim.Control("/_simulator/requests/log")).ToJsonString());
    }
}
