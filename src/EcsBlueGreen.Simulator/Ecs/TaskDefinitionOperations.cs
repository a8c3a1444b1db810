using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

public static class TaskDefinitionOperations
{
    public static JsonObject RegisterTaskDefinition(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var family = input.RequiredStr("family");
        if (input.Arr("containerDefinitions") is not { Count: > 0 } containers)
            throw new AwsException("ClientException", "Container list cannot be empty.");
        foreach (var c in containers)
        {
            if (c is not JsonObject container || container.Str("name") is not { Length: > 0 })
                throw new AwsException("ClientException", "Container.name should not be null or empty.");
            if (container.Str("image") is not { Length: > 0 })
                throw new AwsException("ClientException", "Container.image should not be null or empty.");
        }
        if (!world.TaskDefinitionFamilies.TryGetValue(family, out var revisions))
            world.TaskDefinitionFamilies[family] = revisions = new List<TaskDefinition>();
        var revision = revisions.Count == 0 ? 1 : revisions[^1].Revision + 1;
        var td = new TaskDefinition
        {
            Family = family,
            Revision = revision,
            Arn = world.Arn("ecs", $"task-definition/{family}:{revision}"),
            Input = (JsonObject)input.DeepClone(),
            RegisteredAt = world.Now,
            RegisteredBy = world.CallerArn,
        };
        revisions.Add(td);
        return new JsonObject { ["taskDefinition"] = EcsViews.TaskDefinition(td), ["tags"] = td.Input["tags"]?.DeepClone() ?? new JsonArray() };
    }

    public static JsonObject DescribeTaskDefinition(OperationContext ctx, JsonObject input)
    {
        var td = EcsLookup.FindTaskDefinition(ctx.World, input.RequiredStr("taskDefinition"))
            ?? throw new AwsException("ClientException", "Unable to describe task definition.");
        var o = new JsonObject { ["taskDefinition"] = EcsViews.TaskDefinition(td) };
        if (EcsLookup.IncludesTags(input)) o["tags"] = td.Input["tags"]?.DeepClone() ?? new JsonArray();
        return o;
    }

    public static JsonObject DeregisterTaskDefinition(OperationContext ctx, JsonObject input)
    {
        var reference = input.RequiredStr("taskDefinition");
        if (!reference.Contains(':', StringComparison.Ordinal) || reference.StartsWith("arn:", StringComparison.Ordinal) && reference.Count(c => c == ':') < 6)
            throw AwsException.InvalidParameter("Invalid revision number. Number: " + reference);
        var td = EcsLookup.FindTaskDefinition(ctx.World, reference) ?? throw new AwsException("ClientException", "The specified task definition does not exist.");
        if (td.Status == "ACTIVE")
        {
            td.Status = "INACTIVE";
            td.DeregisteredAt = ctx.World.Now;
        }
        return new JsonObject { ["taskDefinition"] = EcsViews.TaskDefinition(td) };
    }

    public static JsonObject ListTaskDefinitions(OperationContext ctx, JsonObject input)
    {
        var status = input.Str("status") ?? "ACTIVE";
        var prefix = input.Str("familyPrefix");
        var all = ctx.World.TaskDefinitionFamilies
            .Where(f => prefix == null || f.Key == prefix)
            .SelectMany(f => f.Value)
            .Where(td => td.Status == status)
            .OrderBy(td => td.Family, StringComparer.Ordinal).ThenBy(td => td.Revision)
            .Select(td => td.Arn).ToList();
        if (input.Str("sort") == "DESC") all.Reverse();
        var (page, next) = Pagination.Page(all, input.Str("nextToken"), input.Int("maxResults"), 100, 100);
        return new JsonObject { ["taskDefinitionArns"] = new JsonArray(page.Select(a => (JsonNode)a).ToArray()) }.Put("nextToken", next);
    }

    public static JsonObject ListTaskDefinitionFamilies(OperationContext ctx, JsonObject input)
    {
        var status = input.Str("status") ?? "ACTIVE";
        var prefix = input.Str("familyPrefix") ?? "";
        var families = ctx.World.TaskDefinitionFamilies
            .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Where(f => status == "ALL" || (status == "ACTIVE" ? f.Value.Any(td => td.Status == "ACTIVE") : f.Value.All(td => td.Status == "INACTIVE")))
            .Select(f => f.Key).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var (page, next) = Pagination.Page(families, input.Str("nextToken"), input.Int("maxResults"), 100, 100);
        return new JsonObject { ["families"] = new JsonArray(page.Select(a => (JsonNode)a).ToArray()) }.Put("nextToken", next);
    }
}
