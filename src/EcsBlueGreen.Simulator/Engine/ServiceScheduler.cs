using EcsBlueGreen.Simulator.Ecs;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// The ECS rolling-update scheduler for one service, once per step (the order within a step is the
/// simulator's choice; ECS does not publish one):
/// replace tasks that fail ELB health checks, start PRIMARY tasks within maximumPercent, stop older
/// deployments' tasks while the healthy count stays at or above minimumHealthyPercent, then decide
/// completion and steady state.
/// </summary>
public static class ServiceScheduler
{
    public static void Step(World world, Service service, TickEvents events)
    {
        if (service.Status != "ACTIVE") return;
        ServiceDeploymentProgress.Step(world, service, events);
        if (NativeScheduler.Step(world, service, events)) return;
        ReplaceUnhealthy(world, service, events);
        MarkHealthy(world, service);

        var primary = service.Primary;
        if (primary == null || primary.RolloutState == "FAILED") return;

        var d = service.DesiredCount;
        var cap = (int)Math.Floor(d * service.DeploymentConfiguration.MaximumPercent / 100.0);
        var floor = (int)Math.Ceiling(d * service.DeploymentConfiguration.MinimumHealthyPercent / 100.0);
        var live = service.Tasks.Where(t => t.WantsToRun).ToList();
        var primaryLive = live.Count(t => t.Deployment == primary);
        var inFlight = service.Tasks.Count(t => world.Settings.DrainingTasksOccupySlot ? t.IsInFlight : t.WantsToRun && t.IsInFlight);

        var toStart = Math.Min(d - primaryLive, cap - inFlight);
        if (toStart > 0) StartTasks(world, service, primary, toStart, events);
        if (primaryLive > d) ScaleIn(world, service, primary, primaryLive - d, events);

        var stopped = StopOldTasks(world, service, primary, floor, events);
        if (toStart <= 0 && stopped == 0) DetectDeadlock(world, service, primary, cap, inFlight, events);

        UnlistReplacedDeployments(world, service, primary);
        if (primary.RolloutState == "IN_PROGRESS") TryComplete(world, service, primary, events);
        if (primary.RolloutState == "COMPLETED") TrySteady(world, service, events);
    }

    internal static void MarkHealthy(World world, Service service)
    {
        foreach (var task in service.Tasks.Where(t => t.WantsToRun && !t.EverHealthy))
        {
            if (!LoadBalancing.IsHealthy(world, task)) continue;
            task.EverHealthy = true;
            if (task.Deployment is { RolloutState: "IN_PROGRESS" } dep && service.DeploymentConfiguration.ResetOnHealthyTask)
                dep.FailedTasks = 0;
        }
    }

    /// <summary>After the grace period, a task unhealthy in a target group is reported, stopped and counted as a failure.</summary>
    internal static void ReplaceUnhealthy(World world, Service service, TickEvents events)
    {
        foreach (var task in service.Tasks.Where(t => t.WantsToRun && t.LastStatus == "RUNNING").ToList())
        {
            if ((world.Now - task.StartedAt!.Value).TotalSeconds < service.HealthCheckGracePeriodSeconds) continue;
            var unhealthy = LoadBalancing.TargetsOf(world, task).Where(t => t.Target.State == "unhealthy").ToList();
            if (unhealthy.Count == 0) continue;
            foreach (var (group, target) in unhealthy)
                events.Message(service, EventText.Unhealthy(service, task.Id, target.Port, group.Arn, target.Description ?? target.Reason ?? "Health checks failed"));
            var first = unhealthy[0].Group;
            events.Add(service, "stopped", task.Id, ids => EventText.Stopped(service, ids));
            TaskLifecycle.RequestStop(world, task, "ServiceSchedulerInitiated", $"Task failed ELB health checks in (target-group {first.Arn})", events);
            service.UnhealthyReplacementsOwed++;
            CircuitBreaker.RecordTaskFailure(world, task, events);
        }
    }

    internal static void StartTasks(World world, Service service, Deployment primary, int count, TickEvents events)
    {
        var replaced = Math.Min(count, service.UnhealthyReplacementsOwed);
        service.UnhealthyReplacementsOwed -= replaced;
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var task = TaskFactory.Create(world, service.Cluster, world.FindTaskDefinition(primary.TaskDefinitionArn)!, service, primary);
            service.Cluster.Tasks.Add(task);
            ids.Add(task.Id);
        }
        service.Steady = false;
        events.Message(service, EventText.Started(service, ids, replaced));
    }

    private static void ScaleIn(World world, Service service, Deployment primary, int count, TickEvents events)
    {
        var victims = service.Tasks.Where(t => t.WantsToRun && t.Deployment == primary && !t.IsProtected(world.Now))
            .OrderBy(t => LoadBalancing.IsHealthy(world, t) ? 1 : 0).ThenByDescending(t => t.CreatedAt).Take(count).ToList();
        foreach (var task in victims)
        {
            events.Add(service, "stopped", task.Id, ids => EventText.Stopped(service, ids));
            TaskLifecycle.RequestStop(world, task, "ServiceSchedulerInitiated", $"Scaling activity initiated by (deployment {primary.Id})", events);
        }
    }

    /// <summary>Older deployments' tasks: not-yet-healthy ones first, healthy ones only above the floor.</summary>
    private static int StopOldTasks(World world, Service service, Deployment primary, int floor, TickEvents events)
    {
        var healthy = service.Tasks.Count(t => LoadBalancing.IsHealthy(world, t));
        // Scale-in protection keeps a task from the scheduler until it is lifted or expires.
        var old = service.Tasks.Where(t => t.WantsToRun && t.Deployment != primary && !t.IsProtected(world.Now))
            .OrderBy(t => LoadBalancing.IsHealthy(world, t) ? 1 : 0).ThenBy(t => t.CreatedAt).ToList();
        var stopped = 0;
        foreach (var task in old)
        {
            var isHealthy = LoadBalancing.IsHealthy(world, task);
            if (isHealthy && healthy - 1 < floor) continue;
            if (isHealthy) healthy--;
            events.Add(service, "stopped", task.Id, ids => EventText.Stopped(service, ids));
            TaskLifecycle.RequestStop(world, task, "ServiceSchedulerInitiated", $"Scaling activity initiated by (deployment {primary.Id})", events);
            stopped++;
        }
        return stopped;
    }

    /// <summary>Neither bound allows progress and nothing is moving: ECS says so once per deployment.</summary>
    private static void DetectDeadlock(World world, Service service, Deployment primary, int cap, int inFlight, TickEvents events)
    {
        var waiting = service.Tasks.Any(t => t.IsPending || t.LastStatus == "DEACTIVATING" || (t.WantsToRun && t.Deployment == primary && !LoadBalancing.IsHealthy(world, t)));
        var oldLeft = service.Tasks.Any(t => t.WantsToRun && t.Deployment != primary);
        if (waiting || !oldLeft || inFlight < cap) return;
        if (primary.DeadlockReported) return;
        primary.DeadlockReported = true;
        events.Message(service, EventText.Deadlocked(service));
    }

    /// <summary>Older deployments leave deployments[] once none of their tasks is in flight any more.</summary>
    private static void UnlistReplacedDeployments(World world, Service service, Deployment primary)
    {
        foreach (var dep in service.ListedDeployments.Where(x => x != primary).ToList())
        {
            if (service.Tasks.Any(t => t.Deployment == dep && t.IsInFlight)) continue;
            if (dep.FailedAt is { } failedAt && (world.Now - failedAt).TotalSeconds < world.Settings.FailedDeploymentVisibleSeconds) continue;
            dep.Listed = false;
            dep.Status = "INACTIVE";
            dep.UpdatedAt = world.Now;
        }
    }

    private static void TryComplete(World world, Service service, Deployment primary, TickEvents events)
    {
        var mine = service.Tasks.Where(t => t.WantsToRun && t.Deployment == primary).ToList();
        if (mine.Count != service.DesiredCount || !mine.All(t => LoadBalancing.IsHealthy(world, t))) return;
        if (service.ListedDeployments.Any(x => x != primary)) return;
        primary.RolloutState = "COMPLETED";
        primary.RolloutStateReason = $"ECS deployment {primary.Id} completed.";
        primary.CompletedAt = world.Now;
        primary.UpdatedAt = world.Now;
        events.Message(service, EventText.Completed(service, primary.Id));
        service.Steady = false;
        ServiceDeploymentProgress.Completed(world, service, primary);
    }

    private static void TrySteady(World world, Service service, TickEvents events)
    {
        if (service.Steady) return;
        if (service.ListedDeployments.Count() != 1) return;
        var live = service.Tasks.Where(t => t.WantsToRun).ToList();
        if (live.Count != service.DesiredCount || !live.All(t => t.LastStatus == "RUNNING")) return;
        if (service.Tasks.Any(t => t.IsInFlight && !t.WantsToRun)) return;
        service.Steady = true;
        events.Message(service, EventText.Steady(service));
    }
}
