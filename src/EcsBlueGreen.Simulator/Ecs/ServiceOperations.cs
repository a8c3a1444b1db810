using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

public static class ServiceOperations
{
    public static JsonObject ListServices(OperationContext ctx, JsonObject input)
    {
        var cluster = EcsLookup.Cluster(ctx.World, input);
        var launchType = input.Str("launchType");
        var arns = cluster.Services.Where(s => s.Status == "ACTIVE" && (launchType == null || s.LaunchType == launchType)).Select(s => s.Arn).ToList();
        var (page, next) = Pagination.Page(arns, input.Str("nextToken"), input.Int("maxResults"), 10, 100);
        return new JsonObject { ["serviceArns"] = new JsonArray(page.Select(a => (JsonNode)a).ToArray()) }.Put("nextToken", next);
    }

    public static JsonObject DescribeServices(OperationContext ctx, JsonObject input)
    {
        var cluster = EcsLookup.Cluster(ctx.World, input);
        var names = input.StrList("services");
        if (names.Count == 0) throw AwsException.InvalidParameter("Services cannot be empty.");
        if (names.Count > 10) throw AwsException.InvalidParameter("Services cannot have more than 10 elements.");
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var name in names)
        {
            if (EcsLookup.FindService(cluster, name) is { } s) found.Add(EcsViews.Service(ctx.World, s, EcsLookup.IncludesTags(input)));
            else failures.Add(EcsLookup.Failure(ctx.World.Arn("ecs", $"service/{cluster.Name}/{EcsLookup.NameOf(name)}"), "MISSING"));
        }
        return new JsonObject { ["services"] = found, ["failures"] = failures };
    }

    public static JsonObject CreateService(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var cluster = EcsLookup.Cluster(world, input);
        var name = input.RequiredStr("serviceName");
        if (cluster.Services.Any(s => s.Name == name && s.Status != "INACTIVE"))
            throw AwsException.InvalidParameter("Creation of service was not idempotent.");
        var definition = ResolveTaskDefinition(world, input.RequiredStr("taskDefinition"));
        var service = new Service
        {
            Name = name,
            Arn = world.Arn("ecs", $"service/{cluster.Name}/{name}"),
            Cluster = cluster,
            CreatedAt = world.Now,
            CreatedBy = world.CallerArn,
            DesiredCount = input.Int("desiredCount") ?? 1,
            LaunchType = input.Str("launchType") ?? (input["capacityProviderStrategy"] == null ? "EC2" : null),
            CapacityProviderStrategy = input["capacityProviderStrategy"]?.DeepClone(),
            NetworkConfiguration = input["networkConfiguration"]?.DeepClone(),
            HealthCheckGracePeriodSeconds = input.Int("healthCheckGracePeriodSeconds") ?? 0,
            SchedulingStrategy = input.Str("schedulingStrategy") ?? "REPLICA",
            DeploymentControllerType = input.Obj("deploymentController")?.Str("type") ?? "ECS",
            RoleArn = input.Str("role"),
            Tags = (JsonArray?)input.Arr("tags")?.DeepClone() ?? new JsonArray(),
            EnableEcsManagedTags = input.Bool("enableECSManagedTags") ?? false,
            PropagateTags = input.Str("propagateTags") ?? "NONE",
            EnableExecuteCommand = input.Bool("enableExecuteCommand") ?? false,
            AvailabilityZoneRebalancing = input.Str("availabilityZoneRebalancing") ?? "ENABLED",
        };
        if (service.LaunchType == "FARGATE")
        {
            service.PlatformVersion = input.Str("platformVersion") ?? "LATEST";
            service.PlatformFamily = "Linux";
        }
        service.LoadBalancers = LoadBalancers(world, input);
        if (input.Obj("deploymentConfiguration") is { } dc) ApplyDeploymentConfiguration(service, dc);
        if (service.DesiredCount < 0) throw AwsException.InvalidParameter("desiredCount must be at least 0.");
        cluster.Services.Add(service);
        DeploymentStarter.Start(world, service, definition);
        return new JsonObject { ["service"] = EcsViews.Service(world, service, includeTags: true) };
    }

    public static JsonObject UpdateService(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var cluster = EcsLookup.Cluster(world, input);
        var service = EcsLookup.Service(cluster, input.RequiredStr("service"));
        if (service.Status != "ACTIVE") throw new AwsException("ServiceNotActiveException", "Service was not ACTIVE.");

        var needsDeployment = input.Bool("forceNewDeployment") == true;
        var definition = world.FindTaskDefinition(service.TaskDefinitionArn)!;
        if (input.Str("taskDefinition") is { } requested)
        {
            definition = ResolveTaskDefinition(world, requested);
            needsDeployment |= definition.Arn != service.TaskDefinitionArn;
        }
        if (input.Obj("deploymentConfiguration") is { } dc) ApplyDeploymentConfiguration(service, dc);
        if (input.Int("desiredCount") is int desired)
        {
            if (desired < 0) throw AwsException.InvalidParameter("desiredCount must be at least 0.");
            service.DesiredCount = desired;
            if (service.Primary is { } p) { p.DesiredCount = desired; p.UpdatedAt = world.Now; }
            service.Steady = false;
        }
        if (input.Int("healthCheckGracePeriodSeconds") is int grace) service.HealthCheckGracePeriodSeconds = grace;
        if (input["networkConfiguration"] is JsonObject network && !JsonNode.DeepEquals(network, service.NetworkConfiguration))
        {
            service.NetworkConfiguration = network.DeepClone();
            needsDeployment = true;
        }
        if (input["loadBalancers"] is JsonArray)
        {
            service.LoadBalancers = LoadBalancers(world, input);
            needsDeployment = true;
        }
        if (input.Str("platformVersion") is { } pv && pv != service.PlatformVersion)
        {
            service.PlatformVersion = pv;
            needsDeployment = true;
        }
        if (input.Bool("enableExecuteCommand") is bool exec) service.EnableExecuteCommand = exec;
        if (input.Bool("enableECSManagedTags") is bool managed) service.EnableEcsManagedTags = managed;
        if (input.Str("propagateTags") is { } propagate) service.PropagateTags = propagate;
        if (input.Str("availabilityZoneRebalancing") is { } azr) service.AvailabilityZoneRebalancing = azr;
        if (needsDeployment) DeploymentStarter.Start(world, service, definition);
        return new JsonObject { ["service"] = EcsViews.Service(world, service, includeTags: false) };
    }

    public static JsonObject DeleteService(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var cluster = EcsLookup.Cluster(world, input);
        var service = EcsLookup.Service(cluster, input.RequiredStr("service"));
        if (service.Status != "ACTIVE") throw new AwsException("ServiceNotActiveException", "Service was not ACTIVE.");
        if (service.DesiredCount > 0 && input.Bool("force") != true)
            throw AwsException.InvalidParameter("The service cannot be stopped while it is scaled above 0.");
        service.DesiredCount = 0;
        service.Status = "DRAINING";
        var events = new TickEvents();
        foreach (var task in service.Tasks.Where(t => t.WantsToRun).ToList())
            TaskLifecycle.RequestStop(world, task, "ServiceSchedulerInitiated", "Service deleted", events);
        events.Flush(world);
        return new JsonObject { ["service"] = EcsViews.Service(world, service, includeTags: false) };
    }

    private static TaskDefinition ResolveTaskDefinition(World world, string reference)
    {
        var td = EcsLookup.FindTaskDefinition(world, reference) ?? throw new AwsException("ClientException", "TaskDefinition not found.");
        if (td.Status != "ACTIVE") throw new AwsException("ClientException", "TaskDefinition is inactive");
        return td;
    }

    private static List<ServiceLoadBalancer> LoadBalancers(World world, JsonObject input)
    {
        var result = new List<ServiceLoadBalancer>();
        foreach (var lb in (input.Arr("loadBalancers") ?? new JsonArray()).OfType<JsonObject>())
        {
            var tg = lb.Str("targetGroupArn");
            if (tg != null && world.Elb.FindTargetGroup(tg) == null)
                throw AwsException.InvalidParameter($"Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions. The target group with targetGroupArn {tg} does not exist.");
            result.Add(new ServiceLoadBalancer(tg, lb.Str("loadBalancerName"), lb.Str("containerName") ?? "", lb.Int("containerPort") ?? 0,
                NativeValidation.AdvancedConfiguration(world, lb.Obj("advancedConfiguration"))));
        }
        return result;
    }

    private static void ApplyDeploymentConfiguration(Service service, JsonObject input)
    {
        var updated = service.DeploymentConfiguration.Clone();
        updated.Apply(input);
        if (updated.MinimumHealthyPercent is < 0 or > 100)
            throw AwsException.InvalidParameter("minimumHealthyPercent must be between 0 and 100.");
        if (updated.MaximumPercent < 100 && updated.MinimumHealthyPercent > 0 || updated.MaximumPercent < updated.MinimumHealthyPercent)
            throw AwsException.InvalidParameter("maximumPercent must be at least 100 and at least minimumHealthyPercent.");
        NativeValidation.LifecycleHooks(updated);
        service.DeploymentConfiguration = updated;
    }
}
