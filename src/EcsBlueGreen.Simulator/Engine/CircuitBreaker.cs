using EcsBlueGreen.Simulator.Ecs;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// Deployment circuit breaker (docs/simulator.md, "Circuit breaker"): counts a deployment's failed tasks,
/// fails the deployment at the threshold and, with rollback on, rolls back to the newest COMPLETED one.
/// </summary>
public static class CircuitBreaker
{
    public const string TasksFailedReason = "ECS deployment circuit breaker: tasks failed to start.";

    public static void RecordTaskFailure(World world, SimTask task, TickEvents events)
    {
        if (task.Service is not { } service || task.Deployment is not { RolloutState: "IN_PROGRESS" } deployment) return;
        deployment.FailedTasks++;
        deployment.UpdatedAt = world.Now;
        var settings = service.DeploymentConfiguration;
        if (!settings.CircuitBreakerEnabled || deployment.Status != "PRIMARY") return;
        if (deployment.FailedTasks < settings.Threshold(service.DesiredCount)) return;
        Trip(world, service, deployment, events);
    }

    private static void Trip(World world, Service service, Deployment deployment, TickEvents events)
    {
        deployment.RolloutState = "FAILED";
        deployment.RolloutStateReason = TasksFailedReason;
        deployment.UpdatedAt = world.Now;
        deployment.FailedAt = world.Now;
        events.Message(service, EventText.Failed(service, deployment.Id));
        world.Verdicts.Record(world.Now, service, deployment, "FAILED", TasksFailedReason);
        var sd = deployment.ServiceDeployment;
        if (sd != null)
        {
            sd.CircuitBreakerStatus = "TRIGGERED";
            sd.UpdatedAt = world.Now;
        }
        if (service.DeploymentConfiguration.CircuitBreakerRollback)
        {
            RollBack(world, service, deployment, events, byUser: false);
        }
        else if (sd != null)
        {
            sd.Status = "STOP_REQUESTED";
            sd.StatusReason = TasksFailedReason;
        }
    }

    /// <summary>
    /// Makes the newest COMPLETED deployment PRIMARY again (same id; no new revision) so the scheduler
    /// replaces the failed deployment's tasks with it.
    /// </summary>
    public static void RollBack(World world, Service service, Deployment from, TickEvents events, bool byUser)
    {
        var sd = from.ServiceDeployment;
        var target = service.Deployments.Where(x => x != from && x.RolloutState == "COMPLETED" && x.CompletedAt != null)
            .OrderByDescending(x => x.CompletedAt).FirstOrDefault();
        var reason = byUser
            ? "Service deployment rolled back because a rollback was requested."
            : "Service deployment rolled back because the circuit breaker threshold was exceeded.";
        if (target == null)
        {
            // Nothing to go back to: ECS launches nothing and the deployment stalls.
            if (sd != null)
            {
                sd.Status = "ROLLBACK_FAILED";
                sd.StatusReason = "No completed deployment to roll back to.";
                sd.FinishedAt = world.Now;
                sd.UpdatedAt = world.Now;
            }
            world.Verdicts.Record(world.Now, service, from, "ROLLBACK_FAILED", "No completed deployment to roll back to.");
            return;
        }

        events.Message(service, EventText.RollingBack(service, target.Id));
        foreach (var dep in service.ListedDeployments) dep.Status = "ACTIVE";
        if (byUser && from.RolloutState == "IN_PROGRESS")
        {
            from.RolloutState = "FAILED";
            from.RolloutStateReason = $"ECS deployment {from.Id} stopped: rollback requested.";
            from.UpdatedAt = world.Now;
            from.FailedAt = world.Now;
        }
        target.Listed = true;
        target.Status = "PRIMARY";
        target.RolloutState = "IN_PROGRESS";
        target.RolloutStateReason = byUser
            ? $"ECS deployment rollback requested: rolling back to deploymentId {target.Id}."
            : $"ECS deployment circuit breaker: rolling back to deploymentId {target.Id}.";
        target.DesiredCount = service.DesiredCount;
        target.UpdatedAt = world.Now;
        target.DeadlockReported = false;
        service.TaskDefinitionArn = target.TaskDefinitionArn;
        service.Steady = false;
        if (sd != null)
        {
            sd.Status = "ROLLBACK_IN_PROGRESS";
            sd.StatusReason = reason;
            sd.RollbackReason = reason;
            sd.RollbackStartedAt = world.Now;
            sd.RollbackRevisionArn = target.ServiceRevisionArn;
            sd.UpdatedAt = world.Now;
        }
        world.Verdicts.Record(world.Now, service, from, "ROLLBACK_STARTED", target.Id);
    }
}
