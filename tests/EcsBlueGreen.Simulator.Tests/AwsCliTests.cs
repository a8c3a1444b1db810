using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

/// <summary>The aws CLI (botocore) as an independent client: signing, wire shapes and waiters must agree.</summary>
public sealed class AwsCliTests
{
    private static Task<JsonNode> Aws(TestSimulator sim, params string[] args) => AwsCli.Aws(sim, args);

    [Fact]
    public async Task AwsCliAgreesWithTheSimulator()
    {
        // Real ticking clock, fast: a rollout takes about 90 simulated seconds, well under a second of wall time.
        await using var sim = await TestSimulator.StartAsync(o => o.TimeScale = 300);
        var described = await Aws(sim, "ecs", "describe-services", "--cluster", "myservice", "--services", "myservice-myapplication");
        Assert.Equal("ACTIVE", described["services"]![0]!["status"]!.GetValue<string>());

        var updated = await Aws(sim, "ecs", "update-service", "--cluster", "myservice", "--service", "myservice-myapplication", "--force-new-deployment");
        Assert.Equal(2, updated["service"]!["deployments"]!.AsArray().Count);

        await Aws(sim, "ecs", "wait", "services-stable", "--cluster", "myservice", "--services", "myservice-myapplication");
        var stable = await Aws(sim, "ecs", "describe-services", "--cluster", "myservice", "--services", "myservice-myapplication");
        Assert.Single(stable["services"]![0]!["deployments"]!.AsArray());

        var deployments = await Aws(sim, "ecs", "list-service-deployments", "--cluster", "myservice", "--service", "myservice-myapplication");
        Assert.Equal(2, deployments["serviceDeployments"]!.AsArray().Count);
        Assert.All(deployments["serviceDeployments"]!.AsArray(), d => Assert.Equal("SUCCESSFUL", d!["status"]!.GetValue<string>()));

        var images = await Aws(sim, "ecr", "describe-images", "--repository-name", "myapplication");
        Assert.Equal(new[] { "1.0", "2.0", "2.1", "2.2" }, images["imageDetails"]!.AsArray().SelectMany(i => i!["imageTags"]!.AsArray().Select(t => t!.GetValue<string>())).Order());

        var tg = stable["services"]![0]!["loadBalancers"]![0]!["targetGroupArn"]!.GetValue<string>();
        var health = await Aws(sim, "elbv2", "describe-target-health", "--target-group-arn", tg);
        Assert.Contains(health["TargetHealthDescriptions"]!.AsArray(), d => d!["TargetHealth"]!["State"]!.GetValue<string>() == "healthy");
        Assert.All(health["TargetHealthDescriptions"]!.AsArray(), d => Assert.Equal(8080, d!["Target"]!["Port"]!.GetValue<int>()));
    }
}
