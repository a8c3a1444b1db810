using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

public static class TaskOperations
{
    public static JsonObject ListTasks(OperationContext ctx, JsonObject input)
    {
        var cluster = EcsLookup.Cluster(ctx.World, input);
        IEnumerable<SimTask> tasks = cluster.Tasks;
        if (input.Str("serviceName") is { } serviceName)
        {
            var service = EcsLookup.Service(cluster, serviceName);
            tasks = tasks.Where(t => t.Service == service);
        }
        if (input.Str("startedBy") is { } startedBy) tasks = tasks.Where(t => t.StartedBy == startedBy);
        if (input.Str("family") is { } family) tasks = tasks.Where(t => t.TaskDefinition.Family == family);
        if (input.Str("launchType") is { } launchType) tasks = tasks.Where(t => t.LaunchType == launchType);
        var desired = input.Str("desiredStatus") ?? "RUNNING";
        tasks = tasks.Where(t => t.DesiredStatus == desired);
        var arns = tasks.Select(t => t.Arn).ToList();
        var (page, next) = Pagination.Page(arns, input.Str("nextToken"), input.Int("maxResults"), 100, 100);
        return new JsonObject { ["taskArns"] = new JsonArray(page.Select(a => (JsonNode)a).ToArray()) }.Put("nextToken", next);
    }

    public static JsonObject DescribeTasks(OperationContext ctx, JsonObject input)
    {
        var cluster = EcsLookup.Cluster(ctx.World, input);
        var ids = input.StrList("tasks");
        if (ids.Count == 0) throw AwsException.InvalidParameter("Tasks cannot be empty.");
        if (ids.Count > 100) throw AwsException.InvalidParameter("Tasks cannot have more than 100 elements.");
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in ids)
        {
            var task = cluster.Tasks.FirstOrDefault(t => t.Arn == id || t.Id == EcsLookup.NameOf(id));
            if (task != null) found.Add(EcsViews.Task(ctx.World, task, EcsLookup.IncludesTags(input)));
            else failures.Add(EcsLookup.Failure(id.StartsWith("arn:", StringComparison.Ordinal) ? id : ctx.World.Arn("ecs", $"task/{cluster.Name}/{id}"), "MISSING"));
        }
        return new JsonObject { ["tasks"] = found, ["failures"] = failures };
    }

    public static JsonObject StopTask(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var cluster = EcsLookup.Cluster(world, input);
        var id = input.RequiredStr("task");
        var task = cluster.Tasks.FirstOrDefault(t => t.Arn == id || t.Id == EcsLookup.NameOf(id))
            ?? throw AwsException.InvalidParameter("The referenced task was not found.");
        var events = new TickEvents();
        TaskLifecycle.RequestStop(world, task, "UserInitiated", input.Str("reason") ?? "Task stopped by user", events);
        events.Flush(world);
        return new JsonObject { ["task"] = EcsViews.Task(world, task, includeTags: false) };
    }
}
