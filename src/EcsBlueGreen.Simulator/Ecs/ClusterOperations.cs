using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

public static class ClusterOperations
{
    public static JsonObject CreateCluster(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var name = input.Str("clusterName") ?? "default";
        if (!world.Clusters.TryGetValue(name, out var cluster) || cluster.Status != "ACTIVE")
        {
            cluster = new Cluster { Name = name, Arn = world.Arn("ecs", "cluster/" + name) };
            if (input.Arr("tags") is { } tags) cluster.Tags = (JsonArray)tags.DeepClone();
            if (input.Arr("settings") is { } settings) cluster.Settings = (JsonArray)settings.DeepClone();
            world.Clusters[name] = cluster;
        }
        return new JsonObject { ["cluster"] = EcsViews.Cluster(cluster, includeTags: true) };
    }

    public static JsonObject DescribeClusters(OperationContext ctx, JsonObject input)
    {
        var names = input.StrList("clusters");
        if (names.Count == 0) names = new[] { "default" };
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var name in names)
        {
            if (EcsLookup.FindCluster(ctx.World, name) is { } c) found.Add(EcsViews.Cluster(c, EcsLookup.IncludesTags(input)));
            else failures.Add(EcsLookup.Failure(name.StartsWith("arn:", StringComparison.Ordinal) ? name : ctx.World.Arn("ecs", "cluster/" + name), "MISSING"));
        }
        return new JsonObject { ["clusters"] = found, ["failures"] = failures };
    }

    public static JsonObject ListClusters(OperationContext ctx, JsonObject input)
    {
        var arns = ctx.World.Clusters.Values.Where(c => c.Status == "ACTIVE").Select(c => c.Arn).ToList();
        var (page, next) = Pagination.Page(arns, input.Str("nextToken"), input.Int("maxResults"), 100, 100);
        return new JsonObject { ["clusterArns"] = new JsonArray(page.Select(a => (JsonNode)a).ToArray()) }.Put("nextToken", next);
    }
}
