using EcsBlueGreen.Simulator.Ecs;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// Status transitions of the service deployments API (docs/simulator.md, "Service deployments") that happen on
/// their own: PENDING starts, STOP_REQUESTED stops, ROLLBACK_REQUESTED starts rolling back,
/// and a finished rollout makes its service deployment SUCCESSFUL (or ROLLBACK_SUCCESSFUL).
/// </summary>
public static class ServiceDeploymentProgress
{
    public static void Step(World world, Service service, TickEvents events)
    {
        foreach (var sd in service.ServiceDeployments.ToList())
        {
            switch (sd.Status)
            {
                case "PENDING":
                    sd.Status = "IN_PROGRESS";
                    sd.StartedAt = world.Now;
                    sd.UpdatedAt = world.Now;
                    break;
                case "STOP_REQUESTED":
                    sd.Status = "STOPPED";
                    sd.StoppedAt = world.Now;
                    sd.FinishedAt = world.Now;
                    sd.UpdatedAt = world.Now;
                    if (sd.CircuitBreakerStatus == "MONITORING") sd.CircuitBreakerStatus = "MONITORING_COMPLETE";
                    world.Verdicts.Record(world.Now, service, sd.Target, "STOPPED", sd.StatusReason);
                    break;
                case "ROLLBACK_REQUESTED":
                    CircuitBreaker.RollBack(world, service, sd.Target, events, byUser: true);
                    break;
            }
        }
    }

    /// <summary>A deployment reached COMPLETED: its own service deployment succeeds, a rollback onto it too.</summary>
    public static void Completed(World world, Service service, Deployment deployment)
    {
        world.Verdicts.Record(world.Now, service, deployment, "COMPLETED", deployment.RolloutStateReason);
        foreach (var sd in service.ServiceDeployments)
        {
            if (sd.Target == deployment && sd.Status is "IN_PROGRESS" or "PENDING")
            {
                sd.Status = "SUCCESSFUL";
                sd.StatusReason = null;
                if (sd.CircuitBreakerStatus == "MONITORING") sd.CircuitBreakerStatus = "MONITORING_COMPLETE";
            }
            else if (sd.Status == "ROLLBACK_IN_PROGRESS" && sd.RollbackRevisionArn == deployment.ServiceRevisionArn)
            {
                sd.Status = "ROLLBACK_SUCCESSFUL";
                world.Verdicts.Record(world.Now, service, sd.Target, "ROLLBACK_SUCCESSFUL", deployment.Id);
            }
            else continue;
            sd.FinishedAt = world.Now;
            sd.UpdatedAt = world.Now;
        }
    }
}
