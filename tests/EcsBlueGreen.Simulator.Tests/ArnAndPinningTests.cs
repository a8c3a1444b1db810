using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

/// <summary>
/// ARNs name one resource (another region, account or cluster is refused, never read as a name), and
/// a deployment runs the digest its tags resolved to when it started.
/// </summary>
public sealed class ArnAndPinningTests
{
    private const string Region = "eu-west-2";
    private const string Account = "123456789012";

    public static IEnumerable<object[]> ForeignArns()
    {
        yield return new object[] { "cluster of another region", $"arn:aws:ecs:eu-west-1:{Account}:cluster/myservice", "myservice-myapplication" };
        yield return new object[] { "cluster of another account", "arn:aws:ecs:eu-west-2:210987654321:cluster/myservice", "myservice-myapplication" };
        yield return new object[] { "service of another region", "myservice", $"arn:aws:ecs:us-east-1:{Account}:service/myservice/myservice-myapplication" };
        yield return new object[] { "service of another account", "myservice", "arn:aws:ecs:eu-west-2:210987654321:service/myservice/myservice-myapplication" };
        yield return new object[] { "service of another cluster", "myservice", $"arn:aws:ecs:{Region}:{Account}:service/other/myservice-myapplication" };
        yield return new object[] { "a task-definition ARN as the cluster", $"arn:aws:ecs:{Region}:{Account}:task-definition/myservice-myapplication-task:1", "myservice-myapplication" };
    }

    [Theory]
    [MemberData(nameof(ForeignArns))]
    public async Task DescribeServicesRefusesAnArnOfAnotherPlace(string what, string cluster, string service)
    {
        await using var sim = await TestSimulator.StartAsync();
        var error = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("DescribeServices", new { cluster, services = new[] { service } }));
        Assert.True(error.Code == "InvalidParameterException", $"{what}: {error.Code}");
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task TheArnsOfTheSimulatedAccountAndRegionWork()
    {
        await using var sim = await TestSimulator.StartAsync();
        var r = await sim.Ecs("DescribeServices", new
        {
            cluster = $"arn:aws:ecs:{Region}:{Account}:cluster/myservice",
            services = new[] { $"arn:aws:ecs:{Region}:{Account}:service/myservice/myservice-myapplication" },
        });
        Assert.Equal($"arn:aws:ecs:{Region}:{Account}:service/myservice/myservice-myapplication", r["services"]![0]!["serviceArn"]!.GetValue<string>());
        var td = await sim.Ecs("DescribeTaskDefinition", new { taskDefinition = $"arn:aws:ecs:{Region}:{Account}:task-definition/myservice-myapplication-task:1" });
        Assert.Equal(1, td["taskDefinition"]!["revision"]!.GetValue<int>());
    }

    [Fact]
    public async Task UpdateServiceAndDescribeTaskDefinitionRefuseATaskDefinitionArnOfAnotherAccountOrRegion()
    {
        await using var sim = await TestSimulator.StartAsync();
        foreach (var arn in new[] { "arn:aws:ecs:eu-west-2:210987654321:task-definition/myservice-myapplication-task:1", $"arn:aws:ecs:eu-central-1:{Account}:task-definition/myservice-myapplication-task:1" })
        {
            var update = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("UpdateService", new { cluster = "myservice", service = "myservice-myapplication", taskDefinition = arn, forceNewDeployment = true }));
            Assert.Equal("InvalidParameterException", update.Code);
            var describe = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("DescribeTaskDefinition", new { taskDefinition = arn }));
            Assert.Equal("InvalidParameterException", describe.Code);
        }

        var service = await sim.DescribeService();
        Assert.Single(service["deployments"]!.AsArray());
    }

    [Fact]
    public async Task ADeploymentKeepsTheDigestItsTagResolvedToWhenItStarted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var good = await Digest(sim, "1.0");
        var crashing = await Digest(sim, "2.1");
        await MoveTag(sim, "latest", "1.0");
        var first = SeedHelpers.PrimaryId(await sim.Deploy("latest"));
        await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Count == 1 && s["deployments"]![0]!["rolloutState"]!.GetValue<string>() == "COMPLETED", 600, 5);
        Assert.All(await RunningDigests(sim, first), d => Assert.Equal(good, d));

        // The tag moves to a crashing image; the running deployment scales out on the digest it started with.
        await MoveTag(sim, "latest", "2.1");
        await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, desiredCount = 3 });
        await sim.AdvanceUntil(s => s["runningCount"]!.GetValue<int>() == 3, 300, 5);
        var scaled = await RunningDigests(sim, first);
        Assert.Equal(3, scaled.Count);
        Assert.All(scaled, d => Assert.Equal(good, d));

        // A new deployment of the same task definition resolves the tag again (to the crashing image);
        // the circuit breaker's rollback returns to the first deployment, which still runs 1.0.
        var second = SeedHelpers.PrimaryId((JsonObject)(await sim.Ecs("UpdateService", new { cluster = TestSimulator.Cluster, service = TestSimulator.Service, forceNewDeployment = true }))["service"]!);
        Assert.NotEqual(first, second);
        var rolledBack = await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Count == 1 && SeedHelpers.PrimaryId(s) == first
            && s["deployments"]![0]!["rolloutState"]!.GetValue<string>() == "COMPLETED" && s["runningCount"]!.GetValue<int>() == 3, 1800, 5);
        Assert.Contains(SeedHelpers.EventMessages(rolledBack), m => m.Contains($"rolling back to deployment {first}", StringComparison.Ordinal));
        var stoppedOfSecond = (await sim.StoppedTasks()).Where(t => t["startedBy"]!.GetValue<string>() == second).ToList();
        Assert.NotEmpty(stoppedOfSecond);
        Assert.All(stoppedOfSecond, t => Assert.Equal(crashing, t["containers"]![0]!["imageDigest"]!.GetValue<string>()));
        var after = await RunningDigests(sim, first);
        Assert.Equal(3, after.Count);
        Assert.All(after, d => Assert.Equal(good, d));
    }

    private static async Task<string> Digest(TestSimulator sim, string tag)
    {
        var r = await sim.Ecr("DescribeImages", new { repositoryName = "myapplication", imageIds = new[] { new { imageTag = tag } } });
        return r["imageDetails"]![0]!["imageDigest"]!.GetValue<string>();
    }

    private static async Task MoveTag(TestSimulator sim, string tag, string toTag)
    {
        var source = await sim.Ecr("BatchGetImage", new { repositoryName = "myapplication", imageIds = new[] { new { imageTag = toTag } } });
        var image = source["images"]![0]!;
        await sim.Ecr("PutImage", new
        {
            repositoryName = "myapplication",
            imageManifest = image["imageManifest"]!.GetValue<string>(),
            imageManifestMediaType = image["imageManifestMediaType"]?.GetValue<string>(),
            imageTag = tag,
        });
    }

    private static async Task<List<string>> RunningDigests(TestSimulator sim, string deploymentId)
    {
        var list = await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, serviceName = TestSimulator.Service, desiredStatus = "RUNNING" });
        var arns = list["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var tasks = await sim.Ecs("DescribeTasks", new { cluster = TestSimulator.Cluster, tasks = arns });
        return tasks["tasks"]!.AsArray()
            .Where(t => t!["startedBy"]!.GetValue<string>() == deploymentId && t["lastStatus"]!.GetValue<string>() == "RUNNING")
            .Select(t => t!["containers"]![0]!["imageDigest"]!.GetValue<string>()).ToList();
    }
}
