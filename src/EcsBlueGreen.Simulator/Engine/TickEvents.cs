using EcsBlueGreen.Simulator.Ecs;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// Collects one step's service events and writes them in order when the step ends. ECS reports
/// what happened to several tasks at once in one event ("has started 2 tasks: (task a) (task b)."),
/// so tasks that share a kind within a step are grouped into one message.
/// </summary>
public sealed class TickEvents
{
    private sealed class Group
    {
        public required Service Service { get; init; }
        public required string Key { get; init; }
        public required Func<IReadOnlyList<string>, string> Format { get; init; }
        public List<string> Items { get; } = new();
    }

    private readonly List<Group> groups = new();

    /// <summary>Adds an item to the group (service, key), creating it where it first appears.</summary>
    public void Add(Service service, string key, string item, Func<IReadOnlyList<string>, string> format)
    {
        var group = groups.FirstOrDefault(g => g.Service == service && g.Key == key);
        if (group == null)
        {
            group = new Group { Service = service, Key = key, Format = format };
            groups.Add(group);
        }
        group.Items.Add(item);
    }

    /// <summary>A message that stands alone.</summary>
    public void Message(Service service, string text) =>
        groups.Add(new Group { Service = service, Key = Guid.NewGuid().ToString(), Format = _ => text });

    /// <summary>Writes the step's events; each one 1 ms after the previous so their order survives sorting by time.</summary>
    public void Flush(World world)
    {
        var offset = 0;
        foreach (var g in groups)
        {
            var at = world.Now.AddMilliseconds(offset++);
            g.Service.Events.Add(new ServiceEvent(world.Ids.Uuid(), at, g.Format(g.Items)));
            if (g.Service.Events.Count > 10 * world.Settings.MaxEvents) g.Service.Events.RemoveRange(0, g.Service.Events.Count - world.Settings.MaxEvents);
        }
        groups.Clear();
    }
}

/// <summary>ECS's service event wording, as real services write it. Counts are never singularised
/// ("has started 1 tasks" is what ECS says).</summary>
public static class EventText
{
    public static string Started(Service s, IReadOnlyList<string> taskIds, int replacedUnhealthy) =>
        $"(service {s.Name}) has started {taskIds.Count} tasks: {TaskList(taskIds)}." +
        (replacedUnhealthy > 0 ? $" Amazon ECS replaced {replacedUnhealthy} tasks due to an unhealthy status." : "");

    public static string Stopped(Service s, IReadOnlyList<string> taskIds) =>
        $"(service {s.Name}) has stopped {taskIds.Count} running tasks: {TaskList(taskIds)}.";

    public static string Registered(Service s, string targetGroupArn, int n) =>
        $"(service {s.Name}) registered {n} targets in (target-group {targetGroupArn})";

    public static string Deregistered(Service s, string targetGroupArn, int n) =>
        $"(service {s.Name}) deregistered {n} targets in (target-group {targetGroupArn})";

    public static string Draining(Service s, string taskSetDeploymentId, int n) =>
        $"(service {s.Name}, taskSet {taskSetDeploymentId}) has begun draining connections on {n} tasks.";

    public static string Completed(Service s, string deploymentId) =>
        $"(service {s.Name}) (deployment {deploymentId}) deployment completed.";

    public static string Steady(Service s) => $"(service {s.Name}) has reached a steady state.";

    public static string Failed(Service s, string deploymentId) =>
        $"(service {s.Name}) (deployment {deploymentId}) deployment failed: tasks failed to start.";

    public static string RollingBack(Service s, string deploymentId) =>
        $"(service {s.Name}) rolling back to deployment {deploymentId}.";

    public static string Unhealthy(Service s, string taskId, int port, string targetGroupArn, string reason) =>
        $"(service {s.Name}) (task {taskId}) (port {port}) is unhealthy in (target-group {targetGroupArn}) due to (reason {reason}).";

    public static string Deadlocked(Service s) =>
        $"(service {s.Name}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.";

    private static string TaskList(IReadOnlyList<string> ids) => string.Join(" ", ids.Select(id => $"(task {id})"));
}
