using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

/// <summary>
/// Each region is its own world, chosen by the signature's credential scope; the request log lists
/// every AWS call with its region, cluster and the items it asked for.
/// </summary>
public sealed class RegionsAndRequestLogTests
{
    private static List<string> Names(JsonNode? arns) =>
        arns!.AsArray().Select(a => a!.GetValue<string>()).Select(a => a[(a.LastIndexOf('/') + 1)..]).OrderBy(n => n, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Fleet2x2HasTwoClustersOfFiveServicesInEachOfTwoRegions()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.Scenario = "fleet2x2");
        foreach (var region in new[] { "eu-west-2", "us-east-1" })
        {
            Assert.Equal(new[] { "jobs", "web" }, Names((await sim.EcsIn(region, "ListClusters"))["clusterArns"]));
            foreach (var cluster in new[] { "web", "jobs" })
            {
                var services = await sim.EcsIn(region, "ListServices", new { cluster });
                Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{cluster}-{i:00}").ToList(), Names(services["serviceArns"]));
                Assert.All(services["serviceArns"]!.AsArray(), a => Assert.StartsWith($"arn:aws:ecs:{region}:123456789012:service/{cluster}/", a!.GetValue<string>()));
            }

            var described = await sim.EcsIn(region, "DescribeServices", new { cluster = "web", services = new[] { "web-01" } });
            var service = described["services"]![0]!;
            Assert.Equal("COMPLETED", service["deployments"]![0]!["rolloutState"]!.GetValue<string>());
            Assert.Equal(2, service["runningCount"]!.GetValue<int>());
            Assert.Equal($"123456789012.dkr.ecr.{region}.amazonaws.com/myapplication",
                (await sim.EcrIn(region, "DescribeRepositories"))["repositories"]![0]!["repositoryUri"]!.GetValue<string>());
        }

        // The same names in both regions, but distinct deployments: ids are drawn per region.
        var west = await sim.EcsIn("eu-west-2", "DescribeServices", new { cluster = "jobs", services = new[] { "jobs-03" } });
        var east = await sim.EcsIn("us-east-1", "DescribeServices", new { cluster = "jobs", services = new[] { "jobs-03" } });
        Assert.NotEqual(west["services"]![0]!["deployments"]![0]!["id"]!.GetValue<string>(), east["services"]![0]!["deployments"]![0]!["id"]!.GetValue<string>());
        var seedCluster = await Assert.ThrowsAsync<AwsError>(() => sim.EcsIn("eu-west-2", "ListServices", new { cluster = "myservice" }));
        Assert.Equal("ClusterNotFoundException", seedCluster.Code);
    }

    [Fact]
    public async Task Fleet100HasThreeClustersOfFiftyServicesInEachOfTwoRegions()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.Scenario = "fleet100");
        var sizes = new Dictionary<string, int> { ["web"] = 25, ["jobs"] = 15, ["api"] = 10 };
        foreach (var region in new[] { "eu-west-2", "us-east-1" })
        {
            Assert.Equal(new[] { "api", "jobs", "web" }, Names((await sim.EcsIn(region, "ListClusters"))["clusterArns"]));
            foreach (var (cluster, size) in sizes)
            {
                var services = await sim.EcsIn(region, "ListServices", new { cluster, maxResults = 100 });
                Assert.Equal(Enumerable.Range(1, size).Select(i => $"{cluster}-{i:00}").OrderBy(n => n, StringComparer.Ordinal).ToList(), Names(services["serviceArns"]));
            }

            var described = await sim.EcsIn(region, "DescribeServices", new { cluster = "api", services = new[] { "api-10" } });
            var service = described["services"]![0]!;
            Assert.Equal("COMPLETED", service["deployments"]![0]!["rolloutState"]!.GetValue<string>());
            Assert.Equal(2, service["runningCount"]!.GetValue<int>());
            Assert.Equal($"arn:aws:ecs:{region}:123456789012:task-definition/api-10-task:1", service["taskDefinition"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ARegionTheScenarioDidNotBuildIsEmptyAndKeepsItsOwnState()
    {
        await using var sim = await TestSimulator.StartAsync();
        Assert.Empty((await sim.EcsIn("us-west-2", "ListClusters"))["clusterArns"]!.AsArray());
        var missing = await Assert.ThrowsAsync<AwsError>(() => sim.EcsIn("us-west-2", "DescribeServices", new { cluster = TestSimulator.Cluster, services = new[] { TestSimulator.Service } }));
        Assert.Equal("ClusterNotFoundException", missing.Code);

        await sim.EcsIn("us-west-2", "CreateCluster", new { clusterName = "elsewhere" });
        Assert.Equal(new[] { "elsewhere" }, Names((await sim.EcsIn("us-west-2", "ListClusters"))["clusterArns"]));
        Assert.Equal(new[] { "myservice" }, Names((await sim.Ecs("ListClusters"))["clusterArns"]));
        Assert.StartsWith("arn:aws:ecs:us-west-2:", (await sim.EcsIn("us-west-2", "ListClusters"))["clusterArns"]![0]!.GetValue<string>());

        // Time moves in every region.
        await sim.Advance(30);
        Assert.Equal("2026-11-01T10:00:30.000Z", (await sim.Control("/_simulator/clock"))["now"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheRegistryServesTheRegionWhoseTokenLoggedIn()
    {
        await using var sim = await TestSimulator.StartAsync();
        async Task<HttpStatusCode> TagsWithTokenFrom(string region)
        {
            var auth = await sim.EcrIn(region, "GetAuthorizationToken");
            using var client = new HttpClient { BaseAddress = sim.BaseUri };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", auth["authorizationData"]![0]!["authorizationToken"]!.GetValue<string>());
            using var response = await client.GetAsync("/v2/myapplication/tags/list");
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await TagsWithTokenFrom("eu-west-2"));
        Assert.Equal(HttpStatusCode.NotFound, await TagsWithTokenFrom("us-west-2"));
    }

    [Fact]
    public async Task TheRequestLogListsEachCallWithRegionClusterAndItemsAndResetsWithTheCounts()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.Scenario = "fleet20");
        await sim.Advance(7);
        var fleet = Enumerable.Range(1, 10).Select(i => $"fleet-{i:00}").ToArray();
        await sim.Ecs("DescribeServices", new { cluster = TestSimulator.Cluster, services = fleet });
        var arns = (await sim.Ecs("ListServiceDeployments", new { cluster = TestSimulator.Cluster, service = "fleet-01" }))["serviceDeployments"]!
            .AsArray().Select(d => d!["serviceDeploymentArn"]!.GetValue<string>()).ToArray();
        await sim.Ecs("DescribeServiceDeployments", new { serviceDeploymentArns = arns });
        var tooMany = Enumerable.Range(1, 12).Select(i => $"fleet-{i:00}").ToArray();
        await Assert.ThrowsAsync<AwsError>(() => sim.EcsIn("us-east-1", "DescribeServices", new { cluster = "nowhere", services = tooMany }));
        await sim.Elb("DescribeTargetGroups");

        var log = (await sim.Control("/_simulator/requests/log"))["requests"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(new[] { "ECS.DescribeServices", "ECS.ListServiceDeployments", "ECS.DescribeServiceDeployments", "ECS.DescribeServices", "ELBv2.DescribeTargetGroups" },
            log.Select(e => e["service"]!.GetValue<string>() + "." + e["operation"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), log.Select(e => e["sequence"]!.GetValue<long>()));

        var describe = log[0];
        Assert.Equal("eu-west-2", describe["region"]!.GetValue<string>());
        Assert.Equal("myservice", describe["cluster"]!.GetValue<string>());
        Assert.Equal(10, describe["itemCount"]!.GetValue<int>());
        Assert.Equal(fleet, describe["items"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(200, describe["status"]!.GetValue<int>());
        Assert.Equal("2026-11-01T10:00:07.000Z", describe["time"]!.GetValue<string>());

        Assert.Null(log[1]["itemCount"]);
        Assert.Equal("myservice", log[1]["cluster"]!.GetValue<string>());
        Assert.Equal(arns.Length, log[2]["itemCount"]!.GetValue<int>());
        Assert.Equal(arns, log[2]["items"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Null(log[2]["cluster"]);

        // A refused call is logged as asked: its region, cluster and all 12 items, with its status.
        var refused = log[3];
        Assert.Equal(("us-east-1", "nowhere", 12, 400),
            (refused["region"]!.GetValue<string>(), refused["cluster"]!.GetValue<string>(), refused["itemCount"]!.GetValue<int>(), refused["status"]!.GetValue<int>()));
        Assert.Equal(("eu-west-2", 200), (log[4]["region"]!.GetValue<string>(), log[4]["status"]!.GetValue<int>()));
        Assert.Null(log[4]["cluster"]);

        await sim.ControlPost("/_simulator/requests/reset");
        Assert.Empty((await sim.Control("/_simulator/requests/log"))["requests"]!.AsArray());
        await sim.Ecs("ListClusters");
        Assert.Equal(6, (await sim.Control("/_simulator/requests/log"))["requests"]![0]!["sequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task VerdictsSayWhichRegionTheyHappenedIn()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.Scenario = "fleet2x2");
        var verdicts = (await sim.Control("/_simulator/verdicts"))["verdicts"]!.AsArray();
        // The scenario's history: every one of the 20 services completed its first deployment.
        var completed = verdicts.Where(v => v!["verdict"]!.GetValue<string>() == "COMPLETED").ToList();
        Assert.Equal(20, completed.Count);
        Assert.Equal(10, completed.Count(v => v!["region"]!.GetValue<string>() == "us-east-1"));
        Assert.Equal(10, completed.Count(v => v!["region"]!.GetValue<string>() == "eu-west-2"));
    }
}
