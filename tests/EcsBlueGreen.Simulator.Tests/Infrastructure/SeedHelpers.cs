using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Tests.Infrastructure;

/// <summary>Common moves on the seed scenario, made through the API as a client would.</summary>
public static class SeedHelpers
{
    public const string Image = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication";

    public static async Task<JsonObject> DescribeService(this TestSimulator sim)
    {
        var r = await sim.Ecs("DescribeServices", new { cluster = TestSimulator.Cluster, services = new[] { TestSimulator.Service } });
        return (JsonObject)r["services"]![0]!;
    }

    /// <summary>Clones the current task definition with another image tag (read-only members removed) and registers it.</summary>
    public static async Task<string> RegisterWithImage(this TestSimulator sim, string imageReference)
    {
        var current = await sim.Ecs("DescribeTaskDefinition", new { taskDefinition = "myservice-myapplication-task", include = new[] { "TAGS" } });
        var td = (JsonObject)current["taskDefinition"]!.DeepClone();
        foreach (var readOnly in new[] { "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt" })
            td.Remove(readOnly);
        td["containerDefinitions"]![0]!["image"] = imageReference;
        td["tags"] = current["tags"]!.DeepClone();
        var registered = await sim.Ecs("RegisterTaskDefinition", td);
        return registered["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
    }

    public static async Task<JsonObject> Deploy(this TestSimulator sim, string imageTag, object? deploymentConfiguration = null)
    {
        var arn = await sim.RegisterWithImage($"{Image}:{imageTag}");
        var input = new JsonObject { ["cluster"] = TestSimulator.Cluster, ["service"] = TestSimulator.Service, ["taskDefinition"] = arn };
        if (deploymentConfiguration != null) input["deploymentConfiguration"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(deploymentConfiguration));
        var r = await sim.Ecs("UpdateService", input);
        return (JsonObject)r["service"]!;
    }

    public static IEnumerable<string> EventMessages(JsonObject service) =>
        service["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>());

    public static string PrimaryId(JsonObject service) =>
        service["deployments"]!.AsArray().First(d => d!["status"]!.GetValue<string>() == "PRIMARY")!["id"]!.GetValue<string>();

    public static async Task<List<JsonObject>> StoppedTasks(this TestSimulator sim)
    {
        var list = await sim.Ecs("ListTasks", new { cluster = TestSimulator.Cluster, serviceName = TestSimulator.Service, desiredStatus = "STOPPED" });
        var arns = list["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        if (arns.Count == 0) return new List<JsonObject>();
        var tasks = await sim.Ecs("DescribeTasks", new { cluster = TestSimulator.Cluster, tasks = arns });
        return tasks["tasks"]!.AsArray().Select(t => (JsonObject)t!).ToList();
    }

    /// <summary>Advances one step at a time until the condition holds on DescribeServices (fails after the limit).</summary>
    public static async Task<JsonObject> AdvanceUntil(this TestSimulator sim, Func<JsonObject, bool> condition, double limitSeconds, double step = 1)
    {
        for (double t = 0; t <= limitSeconds; t += step)
        {
            var s = await sim.DescribeService();
            if (condition(s)) return s;
            await sim.Advance(step);
        }
        throw new Xunit.Sdk.XunitException($"condition not reached within {limitSeconds} simulated seconds");
    }
}
