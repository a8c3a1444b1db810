using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Ecr;
using EcsBlueGreen.Simulator.Ecs;
using EcsBlueGreen.Simulator.Elb;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Scenarios;

/// <summary>Small constructors for scenario building (and the create operations that share them).</summary>
public static class WorldBuilder
{
    public static Repository Repository(World world, string name, string mutability = "MUTABLE")
    {
        var repo = new Repository
        {
            Name = name,
            Arn = world.Arn("ecr", "repository/" + name),
            Uri = $"{world.EcrHost}/{name}",
            RegistryId = world.AccountId,
            CreatedAt = world.Now,
            ImageTagMutability = mutability,
        };
        world.Ecr.Repositories[name] = repo;
        return repo;
    }

    public static Cluster Cluster(World world, string name)
    {
        var cluster = new Cluster { Name = name, Arn = world.Arn("ecs", "cluster/" + name) };
        world.Clusters[name] = cluster;
        return cluster;
    }

    public static TaskDefinition TaskDefinition(World world, JsonObject input)
    {
        var family = input["family"]!.GetValue<string>();
        if (!world.TaskDefinitionFamilies.TryGetValue(family, out var revisions))
            world.TaskDefinitionFamilies[family] = revisions = new List<TaskDefinition>();
        var revision = revisions.Count + 1;
        var td = new TaskDefinition
        {
            Family = family,
            Revision = revision,
            Arn = world.Arn("ecs", $"task-definition/{family}:{revision}"),
            Input = input,
            RegisteredAt = world.Now,
            RegisteredBy = world.CallerArn,
        };
        revisions.Add(td);
        return td;
    }

    public static LoadBalancer LoadBalancer(World world, string name)
    {
        var id = world.Ids.Hex(16);
        var lb = new LoadBalancer
        {
            Name = name,
            Arn = world.Arn("elasticloadbalancing", $"loadbalancer/app/{name}/{id}"),
            CreatedAt = world.Now,
            DnsName = $"{name}-{world.Ids.Digits(10)}.{world.Region}.elb.amazonaws.com",
        };
        lb.AvailabilityZones.Add((world.Region + "a", "subnet-0a1b2c3d4e5f60001"));
        lb.AvailabilityZones.Add((world.Region + "b", "subnet-0a1b2c3d4e5f60002"));
        world.Elb.LoadBalancers.Add(lb);
        return lb;
    }

    /// <summary>A target group behind the load balancer's port-80 listener (one path rule per group beyond the first).</summary>
    public static TargetGroup TargetGroup(World world, LoadBalancer lb, string name, int port)
    {
        var group = new TargetGroup
        {
            Name = name,
            Arn = world.Arn("elasticloadbalancing", $"targetgroup/{name}/{world.Ids.Hex(16)}"),
            Port = port,
        };
        group.LoadBalancerArns.Add(lb.Arn);
        world.Elb.TargetGroups.Add(group);

        var listener = world.Elb.Listeners.FirstOrDefault(l => l.LoadBalancerArn == lb.Arn);
        if (listener == null)
        {
            var lbPart = lb.Arn[(lb.Arn.IndexOf("loadbalancer/", StringComparison.Ordinal) + "loadbalancer/".Length)..];
            listener = new Listener { Arn = world.Arn("elasticloadbalancing", $"listener/{lbPart}/{world.Ids.Hex(16)}"), LoadBalancerArn = lb.Arn, DefaultTargetGroupArn = group.Arn };
            world.Elb.Listeners.Add(listener);
            var rule = new ListenerRule { Arn = RuleArn(world, listener), ListenerArn = listener.Arn };
            rule.ForwardTo.Add((group.Arn, 1));
            world.Elb.Rules.Add(rule);
        }
        else
        {
            var priority = world.Elb.Rules.Count(r => r.ListenerArn == listener.Arn);
            var rule = new ListenerRule { Arn = RuleArn(world, listener), ListenerArn = listener.Arn, Priority = priority.ToString(System.Globalization.CultureInfo.InvariantCulture), IsDefault = false };
            rule.Conditions.Add(("path-pattern", new[] { $"/{name}/*" }));
            rule.ForwardTo.Add((group.Arn, 1));
            world.Elb.Rules.Insert(world.Elb.Rules.Count - 1, rule);
        }
        return group;
    }

    private static string RuleArn(World world, Listener listener) =>
        listener.Arn.Replace(":listener/", ":listener-rule/", StringComparison.Ordinal) + "/" + world.Ids.Hex(16);
}
