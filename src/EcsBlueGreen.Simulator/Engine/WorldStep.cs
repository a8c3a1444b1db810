namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// One engine step: tasks move through their lifecycle, load balancers probe their targets,
/// then each service's scheduler reacts to what it sees, and the step's events are written.
/// </summary>
public static class WorldStep
{
    public static void Run(World world)
    {
        var events = new TickEvents();
        foreach (var task in world.AllTasks.Where(t => !t.IsStopped).ToList())
            TaskLifecycle.Step(world, task, events);
        foreach (var group in world.Elb.TargetGroups)
            HealthChecks.Step(world, group);
        foreach (var service in world.AllServices.ToList())
            ServiceScheduler.Step(world, service, events);
        events.Flush(world);
        var retention = TimeSpan.FromSeconds(world.Settings.StoppedTaskRetentionSeconds);
        foreach (var cluster in world.Clusters.Values)
            cluster.Tasks.RemoveAll(t => t.StoppedAt is { } stoppedAt && world.Now - stoppedAt >= retention);
    }
}
