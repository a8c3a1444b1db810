using EcsBlueGreen.Simulator.Ecs;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// PROVISIONING -> PENDING -> ACTIVATING -> RUNNING -> DEACTIVATING -> STOPPING -> DEPROVISIONING -> STOPPED,
/// each state lasting the [model-sim] time of <see cref="EngineSettings"/>; the application's behaviour
/// (exit, slow start) comes from <see cref="AppBehaviour"/>.
/// </summary>
public static class TaskLifecycle
{
    public static void Step(World world, SimTask task, TickEvents events)
    {
        var now = world.Now;
        var elapsed = (now - task.StateEnteredAt).TotalSeconds;
        var s = world.Settings;
        switch (task.LastStatus)
        {
            case "PROVISIONING" when elapsed >= s.ProvisioningSeconds:
                task.Enter("PENDING", now);
                task.PullStartedAt = now;
                break;
            case "PENDING" when elapsed >= s.PullSeconds:
                task.PullStoppedAt = now;
                if (task.PullError != null) FailToStart(world, task, events);
                else
                {
                    task.Enter("ACTIVATING", now);
                    LoadBalancing.Register(world, task, events);
                }
                break;
            case "ACTIVATING" when elapsed >= s.ActivatingSeconds:
                task.Enter("RUNNING", now);
                task.StartedAt = now;
                foreach (var c in task.Containers) c.LastStatus = "RUNNING";
                break;
            case "RUNNING" when task.Behaviour.ExitCode is int code && (now - task.StartedAt!.Value).TotalSeconds >= task.Behaviour.ExitAfterSeconds:
                ExitEssentialContainer(world, task, code, events);
                break;
            case "DEACTIVATING" when !LoadBalancing.IsDraining(world, task):
                task.Enter("STOPPING", now);
                break;
            case "STOPPING" when elapsed >= StoppingSeconds(world, task):
                // An application that ignores the stop signal is killed (SIGKILL: exit 137) after stopTimeout.
                var killed = IgnoresStopSignal(task);
                foreach (var c in task.Containers.Where(c => c.LastStatus == "RUNNING"))
                {
                    c.LastStatus = "STOPPED";
                    c.ExitCode ??= killed ? 137 : 0;
                }
                task.ExecutionStoppedAt ??= now;
                task.Enter("DEPROVISIONING", now);
                break;
            case "DEPROVISIONING" when elapsed >= s.DeprovisioningSeconds:
                task.Enter("STOPPED", now);
                task.StoppedAt = now;
                foreach (var c in task.Containers) c.LastStatus = "STOPPED";
                break;
        }
    }

    private static bool IgnoresStopSignal(SimTask task) =>
        task.Behaviour.IgnoresStopSignal && task.Containers.Any(c => c.LastStatus == "RUNNING");

    /// <summary>How long STOPPING lasts: the agent's own time, or stopTimeout for a process that will not exit on SIGTERM.</summary>
    private static double StoppingSeconds(World world, SimTask task) =>
        IgnoresStopSignal(task) ? task.StopTimeoutSeconds : world.Settings.StoppingSeconds;

    /// <summary>Asks a task to stop (scheduler, StopTask, health check). Running tasks behind a load balancer drain first.</summary>
    public static void RequestStop(World world, SimTask task, string stopCode, string reason, TickEvents events)
    {
        if (!task.WantsToRun) return;
        var now = world.Now;
        task.DesiredStatus = "STOPPED";
        task.StopCode = stopCode;
        task.StoppedReason = reason;
        task.StoppingAt = now;
        task.Version++;
        if (task.Service != null) task.Service.Steady = false;
        var deregistered = LoadBalancing.Deregister(world, task, events);
        if (task.LastStatus == "RUNNING" && deregistered)
        {
            task.Enter("DEACTIVATING", now);
            if (task.Service != null && task.Deployment != null)
            {
                var service = task.Service;
                var taskSet = task.Deployment.Id;
                events.Add(service, "draining:" + taskSet, task.Id, ids => EventText.Draining(service, taskSet, ids.Count));
            }
        }
        else if (task.LastStatus is "PROVISIONING" or "PENDING" or "ACTIVATING" or "RUNNING")
        {
            task.Enter("STOPPING", now);
        }
    }

    private static void FailToStart(World world, SimTask task, TickEvents events)
    {
        var now = world.Now;
        task.DesiredStatus = "STOPPED";
        task.StopCode = "TaskFailedToStart";
        task.StoppedReason = task.PullError;
        task.StoppingAt = now;
        task.ExecutionStoppedAt = now;
        foreach (var c in task.Containers)
        {
            c.LastStatus = "STOPPED";
            c.Reason = task.PullError;
        }
        task.Enter("STOPPING", now);
        CircuitBreaker.RecordTaskFailure(world, task, events);
    }

    private static void ExitEssentialContainer(World world, SimTask task, int exitCode, TickEvents events)
    {
        var now = world.Now;
        var essential = task.Containers.FirstOrDefault(c => c.Essential) ?? task.Containers[0];
        essential.ExitCode = exitCode;
        essential.LastStatus = "STOPPED";
        task.DesiredStatus = "STOPPED";
        task.StopCode = "EssentialContainerExited";
        task.StoppedReason = "Essential container in task exited";
        task.StoppingAt = now;
        task.ExecutionStoppedAt = now;
        if (task.Service != null) task.Service.Steady = false;
        // The process is gone: the target drains in the load balancer but nothing waits for it.
        LoadBalancing.Deregister(world, task, events);
        task.Enter("STOPPING", now);
        if (!task.EverHealthy && world.Settings.CountExitBeforeHealthyAsFailure)
            CircuitBreaker.RecordTaskFailure(world, task, events);
    }
}
