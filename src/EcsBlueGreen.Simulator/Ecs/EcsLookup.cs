using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>Resolving the names and ARNs callers pass, with ECS's errors.</summary>
public static class EcsLookup
{
    public static string NameOf(string nameOrArn) =>
        nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;

    public static Cluster? FindCluster(World world, string? nameOrArn) =>
        world.Clusters.GetValueOrDefault(NameOf(nameOrArn ?? "default")) is { Status: "ACTIVE" } c ? c : null;

    public static Cluster Cluster(World world, JsonObject input) =>
        FindCluster(world, input.Str("cluster")) ?? throw AwsException.ClusterNotFound();

    public static Service Service(Cluster cluster, string nameOrArn) =>
        cluster.FindService(nameOrArn) ?? throw new AwsException("ServiceNotFoundException", "Service not found.");

    public static bool IncludesTags(JsonObject input) => input.StrList("include").Contains("TAGS");

    public static (Service Service, ServiceDeployment Deployment)? FindServiceDeployment(World world, string arn)
    {
        foreach (var service in world.AllServices)
            if (service.ServiceDeployments.FirstOrDefault(sd => sd.Arn == arn) is { } sd) return (service, sd);
        return null;
    }

    public static JsonObject Failure(string arn, string reason, string? detail = null) =>
        new JsonObject { ["arn"] = arn, ["reason"] = reason }.Put("detail", detail);
}
