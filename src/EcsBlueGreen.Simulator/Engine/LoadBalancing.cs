using EcsBlueGreen.Simulator.Ecs;
using EcsBlueGreen.Simulator.Elb;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>What ECS does to the target groups of a service's load balancers for one task.</summary>
public static class LoadBalancing
{
    public static void Register(World world, SimTask task, TickEvents events)
    {
        if (task.Service is not { } service) return;
        foreach (var lb in service.LoadBalancers)
        {
            var arn = task.Deployment is { UsesAlternateTargetGroup: true } && lb.Advanced != null ? lb.Advanced.AlternateTargetGroupArn : lb.TargetGroupArn;
            if (arn == null || world.Elb.FindTargetGroup(arn) is not { } group) continue;
            group.Targets.Add(new Target
            {
                Id = task.PrivateIp,
                Port = lb.ContainerPort,
                Task = task,
                RegisteredAt = world.Now,
                NextCheckAt = world.Now.AddSeconds(group.HealthCheckIntervalSeconds),
            });
            events.Add(service, "registered:" + group.Arn, task.Id, ids => EventText.Registered(service, group.Arn, ids.Count));
        }
    }

    /// <summary>Starts draining the task's targets; true when it had any.</summary>
    public static bool Deregister(World world, SimTask task, TickEvents events)
    {
        var any = false;
        foreach (var group in world.Elb.TargetGroups)
        {
            foreach (var target in group.Targets.Where(t => t.Task == task && !t.IsDraining))
            {
                target.State = "draining";
                target.Reason = "Target.DeregistrationInProgress";
                target.Description = "Target deregistration is in progress";
                target.DrainingUntil = world.Now.AddSeconds(group.DeregistrationDelaySeconds);
                any = true;
                if (task.Service is { } service)
                    events.Add(service, "deregistered:" + group.Arn, task.Id, ids => EventText.Deregistered(service, group.Arn, ids.Count));
            }
        }
        return any;
    }

    public static bool IsDraining(World world, SimTask task) =>
        world.Elb.TargetGroups.Any(g => g.Targets.Any(t => t.Task == task && t.IsDraining));

    public static IEnumerable<(TargetGroup Group, Target Target)> TargetsOf(World world, SimTask task) =>
        world.Elb.TargetGroups.SelectMany(g => g.Targets.Where(t => t.Task == task).Select(t => (g, t)));

    /// <summary>Healthy for ECS: RUNNING and, behind load balancers, healthy in every target group.</summary>
    public static bool IsHealthy(World world, SimTask task)
    {
        if (task.LastStatus != "RUNNING" || !task.WantsToRun) return false;
        var service = task.Service;
        if (service == null || service.LoadBalancers.Count == 0)
            return (world.Now - task.StartedAt!.Value).TotalSeconds >= world.Settings.HealthyWithoutLoadBalancerSeconds;
        var targets = TargetsOf(world, task).ToList();
        return targets.Count > 0 && targets.All(t => t.Target.State == "healthy");
    }
}
