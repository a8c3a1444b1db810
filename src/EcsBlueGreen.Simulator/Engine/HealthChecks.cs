using EcsBlueGreen.Simulator.Elb;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// The load balancer's side: probes each registered target every interval, moves it between
/// initial / healthy / unhealthy by the thresholds, and ends draining after the deregistration delay.
/// </summary>
public static class HealthChecks
{
    public static void Step(World world, TargetGroup group)
    {
        var now = world.Now;
        group.Targets.RemoveAll(t => t.IsDraining && now >= t.DrainingUntil);
        foreach (var target in group.Targets.Where(t => !t.IsDraining && now >= t.NextCheckAt))
        {
            target.NextCheckAt = now.AddSeconds(group.HealthCheckIntervalSeconds);
            var (ok, reason, description) = Probe(world, target);
            if (ok) Passed(group, target);
            else Failed(group, target, reason!, description!);
        }
    }

    private static (bool Ok, string? Reason, string? Description) Probe(World world, Target target)
    {
        var task = target.Task;
        if (task.LastStatus != "RUNNING" || task.Containers.Any(c => c.Essential && c.LastStatus != "RUNNING"))
            return (false, "Target.FailedHealthChecks", "Health checks failed");
        if (task.Behaviour.Unhealthy)
            return (false, "Target.ResponseCodeMismatch", "Health checks failed with these codes: [503]");
        if ((world.Now - task.StartedAt!.Value).TotalSeconds < task.Behaviour.StartSeconds)
            return (false, "Target.Timeout", "Request timed out");
        return (true, null, null);
    }

    private static void Passed(TargetGroup group, Target target)
    {
        target.ConsecutiveFailures = 0;
        target.ConsecutiveSuccesses++;
        if (target.State != "healthy" && target.ConsecutiveSuccesses >= group.HealthyThresholdCount)
        {
            target.State = "healthy";
            target.Reason = null;
            target.Description = null;
        }
        else if (target.State == "initial")
        {
            target.Reason = "Elb.InitialHealthChecking";
            target.Description = "Initial health checks in progress";
        }
    }

    private static void Failed(TargetGroup group, Target target, string reason, string description)
    {
        target.ConsecutiveSuccesses = 0;
        target.ConsecutiveFailures++;
        if (target.State == "unhealthy" || target.ConsecutiveFailures >= group.UnhealthyThresholdCount)
        {
            target.State = "unhealthy";
            target.Reason = reason;
            target.Description = description;
        }
        else if (target.State == "initial")
        {
            target.Reason = "Elb.InitialHealthChecking";
            target.Description = "Initial health checks in progress";
        }
    }
}
