using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>Resolving the names and ARNs callers pass, with ECS's errors.</summary>
public static class EcsLookup
{
    public static string NameOf(string nameOrArn) =>
        nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;

    public static Cluster? FindCluster(World world, string? nameOrArn)
    {
        CheckArn(world.Region, world.AccountId, nameOrArn, "cluster");
        return world.Clusters.GetValueOrDefault(NameOf(nameOrArn ?? "default")) is { Status: "ACTIVE" } c ? c : null;
    }

    public static Cluster Cluster(World world, JsonObject input) =>
        FindCluster(world, input.Str("cluster")) ?? throw AwsException.ClusterNotFound();

    /// <summary>A service of the cluster by name or ARN; an ARN of another place is refused, not read as its name.</summary>
    public static Service? FindService(Cluster cluster, string nameOrArn)
    {
        var (region, account) = PlaceOf(cluster.Arn);
        CheckArn(region, account, nameOrArn, "service", cluster.Name);
        return cluster.FindService(nameOrArn);
    }

    public static Service Service(Cluster cluster, string nameOrArn) =>
        FindService(cluster, nameOrArn) ?? throw new AwsException("ServiceNotFoundException", "Service not found.");

    /// <summary>A task definition by ARN, family:revision or family; an ARN of another region or account is refused.</summary>
    public static TaskDefinition? FindTaskDefinition(World world, string reference)
    {
        CheckArn(world.Region, world.AccountId, reference, "task-definition");
        return world.FindTaskDefinition(reference);
    }

    /// <summary>
    /// ECS takes a resource ARN as naming exactly one resource: one of another region, account or
    /// (for a long-form service ARN) cluster is an InvalidParameterException, never the resource of the
    /// same name where the request went.
    /// </summary>
    public static void CheckArn(string region, string account, string? nameOrArn, string resourceType, string? cluster = null)
    {
        if (nameOrArn == null || !nameOrArn.StartsWith("arn:", StringComparison.Ordinal)) return;
        var parts = nameOrArn.Split(':', 6);
        var resource = parts.Length == 6 ? parts[5] : "";
        var slash = resource.IndexOf('/');
        if (parts.Length != 6 || parts[2] != "ecs" || slash <= 0 || resource[..slash] != resourceType)
            throw AwsException.InvalidParameter($"Invalid identifier: {nameOrArn} is not a {resourceType} ARN.");
        if (parts[3] != region)
            throw AwsException.InvalidParameter($"Invalid identifier: Unexpected region {parts[3]} in {nameOrArn}; the request was sent to {region}.");
        if (parts[4] != account)
            throw AwsException.InvalidParameter($"Invalid identifier: Unexpected account {parts[4]} in {nameOrArn}.");
        var path = resource[(slash + 1)..];
        if (cluster != null && path.Contains('/') && path[..path.IndexOf('/')] != cluster)
            throw AwsException.InvalidParameter($"Invalid identifier: {nameOrArn} is a service of cluster {path[..path.IndexOf('/')]}, not of {cluster}.");
    }

    private static (string Region, string Account) PlaceOf(string arn)
    {
        var parts = arn.Split(':');
        return (parts[3], parts[4]);
    }

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
