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

    /// <summary>Scale-in protection: service tasks only (others fail TASK_NOT_VALID), 1 to 2880 minutes, 120 by default.</summary>
    public static JsonObject UpdateTaskProtection(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var cluster = EcsLookup.Cluster(world, input);
        var ids = input.StrList("tasks");
        if (ids.Count == 0) throw AwsException.InvalidParameter("Tasks cannot be empty.");
        var enabled = input.Bool("protectionEnabled") ?? throw AwsException.InvalidParameter("protectionEnabled is required.");
        var minutes = input.Int("expiresInMinutes") ?? 120;
        if (enabled && minutes is < 1 or > 2880) throw AwsException.InvalidParameter("expiresInMinutes must be between 1 and 2880.");
        var protectedTasks = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in ids)
        {
            var task = FindTask(cluster, id);
            if (task == null || task.Service == null || task.IsStopped)
            {
                failures.Add(EcsLookup.Failure(TaskArn(world, cluster, id), "TASK_NOT_VALID"));
                continue;
            }
            task.ProtectedUntil = enabled ? world.Now.AddMinutes(minutes) : null;
            protectedTasks.Add(Protection(world, task));
        }
        return new JsonObject { ["protectedTasks"] = protectedTasks, ["failures"] = failures };
    }

    /// <summary>The protection of the given tasks, or of every service task of the cluster that is not stopped.</summary>
    public static JsonObject GetTaskProtection(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var cluster = EcsLookup.Cluster(world, input);
        var ids = input.StrList("tasks");
        var protectedTasks = new JsonArray();
        var failures = new JsonArray();
        if (ids.Count == 0)
        {
            foreach (var task in cluster.Tasks.Where(t => t.Service != null && !t.IsStopped)) protectedTasks.Add(Protection(world, task));
        }
        foreach (var id in ids)
        {
            var task = FindTask(cluster, id);
            if (task == null || task.Service == null) failures.Add(EcsLookup.Failure(TaskArn(world, cluster, id), "TASK_NOT_VALID"));
            else protectedTasks.Add(Protection(world, task));
        }
        return new JsonObject { ["protectedTasks"] = protectedTasks, ["failures"] = failures };
    }

    private static SimTask? FindTask(Cluster cluster, string id) =>
        cluster.Tasks.FirstOrDefault(t => t.Arn == id || t.Id == EcsLookup.NameOf(id));

    private static string TaskArn(World world, Cluster cluster, string id) =>
        id.StartsWith("arn:", StringComparison.Ordinal) ? id : world.Arn("ecs", $"task/{cluster.Name}/{id}");

    private static JsonObject Protection(World world, SimTask task)
    {
        var on = task.IsProtected(world.Now);
        var o = new JsonObject { ["taskArn"] = task.Arn, ["protectionEnabled"] = on };
        if (on) o["expirationDate"] = SimClock.ToEpochSeconds(task.ProtectedUntil!.Value);
        return o;
    }
}
