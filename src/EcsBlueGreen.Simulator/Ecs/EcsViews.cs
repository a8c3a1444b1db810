using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;
using static EcsBlueGreen.Simulator.Protocol.JsonInput;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>ECS objects as the awsJson wire shapes of the model (built node by node, no serializer).</summary>
public static class EcsViews
{
    public static JsonObject Cluster(Cluster c, bool includeTags)
    {
        var tasks = c.Tasks.Where(t => !t.IsStopped).ToList();
        var o = new JsonObject
        {
            ["clusterArn"] = c.Arn,
            ["clusterName"] = c.Name,
            ["status"] = c.Status,
            ["registeredContainerInstancesCount"] = 0,
            ["runningTasksCount"] = tasks.Count(t => t.LastStatus == "RUNNING"),
            ["pendingTasksCount"] = tasks.Count(t => t.IsPending),
            ["activeServicesCount"] = c.Services.Count(s => s.Status == "ACTIVE"),
            ["statistics"] = new JsonArray(),
            ["settings"] = c.Settings.DeepClone(),
            ["capacityProviders"] = new JsonArray("FARGATE", "FARGATE_SPOT"),
            ["defaultCapacityProviderStrategy"] = new JsonArray(),
        };
        if (includeTags) o["tags"] = c.Tags.DeepClone();
        return o;
    }

    public static JsonObject Service(World world, Service s, bool includeTags)
    {
        var tasks = s.Tasks.ToList();
        var o = new JsonObject
        {
            ["serviceArn"] = s.Arn,
            ["serviceName"] = s.Name,
            ["clusterArn"] = s.Cluster.Arn,
            ["loadBalancers"] = new JsonArray(s.LoadBalancers.Select(LoadBalancer).ToArray()),
            ["serviceRegistries"] = new JsonArray(),
            ["status"] = s.Status,
            ["desiredCount"] = s.DesiredCount,
            ["runningCount"] = tasks.Count(t => t.LastStatus == "RUNNING"),
            ["pendingCount"] = tasks.Count(t => t.IsPending),
        };
        o.Put("launchType", s.LaunchType).Put("capacityProviderStrategy", s.CapacityProviderStrategy?.DeepClone())
         .Put("platformVersion", s.PlatformVersion).Put("platformFamily", s.PlatformFamily);
        o["taskDefinition"] = s.TaskDefinitionArn;
        o["deploymentConfiguration"] = s.DeploymentConfiguration.ToJson();
        var listed = s.ListedDeployments.OrderBy(d => d.Status == "PRIMARY" ? 0 : 1).ThenByDescending(d => d.CreatedAt).ToList();
        o["deployments"] = new JsonArray(listed.Select(d => Deployment(s, d)).ToArray());
        o.Put("roleArn", s.RoleArn);
        o["events"] = new JsonArray(Enumerable.Reverse(s.Events).Take(world.Settings.MaxEvents).Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["createdAt"] = Epoch(e.CreatedAt),
            ["message"] = e.Message,
        }).ToArray());
        o["createdAt"] = Epoch(s.CreatedAt);
        var current = s.ServiceDeployments.LastOrDefault();
        o.Put("currentServiceDeployment", current?.Arn);
        o["currentServiceRevisions"] = new JsonArray(listed.Select(d => (JsonNode)RevisionSummary(s, d, withWeights: false)).ToArray());
        o["placementConstraints"] = new JsonArray();
        o["placementStrategy"] = new JsonArray();
        o.Put("networkConfiguration", s.NetworkConfiguration?.DeepClone());
        o["healthCheckGracePeriodSeconds"] = s.HealthCheckGracePeriodSeconds;
        o["schedulingStrategy"] = s.SchedulingStrategy;
        o["deploymentController"] = new JsonObject { ["type"] = s.DeploymentControllerType };
        if (includeTags) o["tags"] = s.Tags.DeepClone();
        o["createdBy"] = s.CreatedBy;
        o["enableECSManagedTags"] = s.EnableEcsManagedTags;
        o["propagateTags"] = s.PropagateTags;
        o["enableExecuteCommand"] = s.EnableExecuteCommand;
        o["availabilityZoneRebalancing"] = s.AvailabilityZoneRebalancing;
        return o;
    }

    private static JsonNode LoadBalancer(ServiceLoadBalancer lb) => new JsonObject()
        .Put("targetGroupArn", lb.TargetGroupArn).Put("loadBalancerName", lb.LoadBalancerName)
        .Put("containerName", lb.ContainerName).Put("containerPort", JsonValue.Create(lb.ContainerPort))
        .Put("advancedConfiguration", NativeViews.AdvancedConfiguration(lb.Advanced));

    public static JsonNode Deployment(Service s, Deployment d)
    {
        var tasks = s.Tasks.Where(t => t.Deployment == d).ToList();
        var desired = d.Status == "PRIMARY" ? s.DesiredCount : tasks.Count(t => t.WantsToRun);
        var o = new JsonObject
        {
            ["id"] = d.Id,
            ["status"] = d.Status,
            ["taskDefinition"] = d.TaskDefinitionArn,
            ["desiredCount"] = desired,
            ["pendingCount"] = tasks.Count(t => t.IsPending),
            ["runningCount"] = tasks.Count(t => t.LastStatus == "RUNNING"),
            ["failedTasks"] = d.FailedTasks,
            ["createdAt"] = Epoch(d.CreatedAt),
            ["updatedAt"] = Epoch(d.UpdatedAt),
        };
        o.Put("capacityProviderStrategy", d.CapacityProviderStrategy?.DeepClone()).Put("launchType", d.LaunchType)
         .Put("platformVersion", d.PlatformVersion).Put("platformFamily", s.PlatformFamily)
         .Put("networkConfiguration", d.NetworkConfiguration?.DeepClone());
        o["rolloutState"] = d.RolloutState;
        o["rolloutStateReason"] = d.RolloutStateReason;
        return o;
    }

    public static JsonObject RevisionSummary(Service s, Deployment d, bool withWeights)
    {
        var tasks = s.Tasks.Where(t => t.Deployment == d).ToList();
        var o = new JsonObject
        {
            ["arn"] = d.ServiceRevisionArn,
            ["requestedTaskCount"] = d.Status == "PRIMARY" ? s.DesiredCount : tasks.Count(t => t.WantsToRun),
            ["runningTaskCount"] = tasks.Count(t => t.LastStatus == "RUNNING"),
            ["pendingTaskCount"] = tasks.Count(t => t.IsPending),
        };
        if (withWeights)
        {
            o["requestedTestTrafficWeight"] = 0.0;
            o["requestedProductionTrafficWeight"] = 0.0;
        }
        return o;
    }

    public static JsonObject Task(World world, SimTask t, bool includeTags)
    {
        var def = t.TaskDefinition.Input;
        var o = new JsonObject
        {
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["id"] = t.Id[..8] + "-eni0-" + t.Id[8..16],
                ["type"] = "ElasticNetworkInterface",
                ["status"] = t.LastStatus switch { "PROVISIONING" => "PRECREATED", "STOPPED" => "DELETED", "DEPROVISIONING" => "DELETING", _ => "ATTACHED" },
                ["details"] = new JsonArray(
                    new JsonObject { ["name"] = "subnetId", ["value"] = "subnet-0123456789abcdef0" },
                    new JsonObject { ["name"] = "networkInterfaceId", ["value"] = "eni-" + t.Id[..17] },
                    new JsonObject { ["name"] = "privateIPv4Address", ["value"] = t.PrivateIp }),
            }),
            ["attributes"] = new JsonArray(new JsonObject { ["name"] = "ecs.cpu-architecture", ["value"] = CpuArchitecture(def) }),
            ["availabilityZone"] = world.Region + "a",
            ["clusterArn"] = t.ClusterArn,
            ["connectivity"] = t.LastStatus == "PROVISIONING" ? "DISCONNECTED" : "CONNECTED",
            ["containers"] = new JsonArray(t.Containers.Select(c => Container(t, c)).ToArray()),
        };
        o.Put("capacityProviderName", t.CapacityProviderName);
        o.Put("cpu", def["cpu"]?.DeepClone());
        o["createdAt"] = Epoch(t.CreatedAt);
        o["desiredStatus"] = t.DesiredStatus;
        o["enableExecuteCommand"] = false;
        o.Put("executionStoppedAt", Epoch(t.ExecutionStoppedAt));
        o.Put("group", t.Group);
        o["healthStatus"] = "UNKNOWN";
        o["lastStatus"] = t.LastStatus;
        o.Put("launchType", t.LaunchType);
        o.Put("memory", def["memory"]?.DeepClone());
        o["overrides"] = new JsonObject
        {
            ["containerOverrides"] = new JsonArray(t.Containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name }).ToArray()),
            ["inferenceAcceleratorOverrides"] = new JsonArray(),
        };
        if (t.LaunchType == "FARGATE") { o["platformVersion"] = "1.4.0"; o["platformFamily"] = "Linux"; }
        o.Put("pullStartedAt", Epoch(t.PullStartedAt)).Put("pullStoppedAt", Epoch(t.PullStoppedAt)).Put("startedAt", Epoch(t.StartedAt));
        o.Put("startedBy", t.StartedBy).Put("stopCode", t.StopCode).Put("stoppedAt", Epoch(t.StoppedAt))
         .Put("stoppedReason", t.StoppedReason).Put("stoppingAt", Epoch(t.StoppingAt));
        if (includeTags) o["tags"] = new JsonArray();
        o["taskArn"] = t.Arn;
        o["taskDefinitionArn"] = t.TaskDefinition.Arn;
        o["version"] = t.Version;
        if (def["ephemeralStorage"] is JsonObject es) o["ephemeralStorage"] = es.DeepClone();
        return o;
    }

    private static string CpuArchitecture(JsonObject definition) =>
        string.Equals(definition["runtimePlatform"]?["cpuArchitecture"]?.GetValue<string>(), "ARM64", StringComparison.Ordinal) ? "arm64" : "x86_64";

    private static JsonNode Container(SimTask t, SimContainer c)
    {
        var o = new JsonObject
        {
            ["containerArn"] = t.Arn.Replace(":task/", ":container/") + "/" + c.RuntimeId[^10..],
            ["taskArn"] = t.Arn,
            ["name"] = c.Name,
            ["image"] = c.Image,
        };
        o.Put("imageDigest", c.ImageDigest);
        if (c.LastStatus != "PENDING") o["runtimeId"] = c.RuntimeId;
        o["lastStatus"] = c.LastStatus;
        if (c.ExitCode is int code) o["exitCode"] = code;
        o.Put("reason", c.Reason);
        o["networkBindings"] = new JsonArray();
        o["networkInterfaces"] = new JsonArray(new JsonObject { ["attachmentId"] = t.Id[..8] + "-eni0-" + t.Id[8..16], ["privateIpv4Address"] = t.PrivateIp });
        o["healthStatus"] = "UNKNOWN";
        o["cpu"] = "0";
        return o;
    }

    /// <summary>The stored input plus the read-only members ECS adds; tags travel beside it.</summary>
    public static JsonObject TaskDefinition(TaskDefinition td)
    {
        var o = new JsonObject { ["taskDefinitionArn"] = td.Arn };
        foreach (var (k, v) in td.Input)
            if (k != "tags") o[k] = v?.DeepClone();
        o["revision"] = td.Revision;
        o["status"] = td.Status;
        o["requiresAttributes"] = RequiresAttributes(td);
        o["compatibilities"] = Compatibilities(td);
        o["registeredAt"] = Epoch(td.RegisteredAt);
        o.Put("deregisteredAt", Epoch(td.DeregisteredAt));
        o["registeredBy"] = td.RegisteredBy;
        return o;
    }

    private static JsonArray Compatibilities(TaskDefinition td)
    {
        var mode = td.Input["networkMode"]?.GetValue<string>();
        return mode == "awsvpc" ? new JsonArray("EC2", "FARGATE") : new JsonArray("EC2");
    }

    /// <summary>The capability attributes ECS derives from what the definition uses.</summary>
    private static JsonArray RequiresAttributes(TaskDefinition td)
    {
        var names = new List<string>();
        var containers = td.ContainerDefinitions.OfType<JsonObject>().ToList();
        if (containers.Any(c => c["logConfiguration"]?["logDriver"]?.GetValue<string>() == "awslogs"))
        {
            names.Add("com.amazonaws.ecs.capability.logging-driver.awslogs");
            if (td.Input["executionRoleArn"] != null) names.Add("ecs.capability.execution-role-awslogs");
        }
        names.Add("com.amazonaws.ecs.capability.docker-remote-api.1.19");
        if (containers.Any(c => c["image"]?.GetValue<string>().Contains(".dkr.ecr.", StringComparison.Ordinal) == true))
        {
            names.Add("com.amazonaws.ecs.capability.ecr-auth");
            if (td.Input["executionRoleArn"] != null) names.Add("ecs.capability.execution-role-ecr-pull");
        }
        if (containers.Any(c => c["secrets"] is JsonArray { Count: > 0 })) names.Add("ecs.capability.secrets.asm.environment-variables");
        if (td.Input["taskRoleArn"] != null) names.Add("com.amazonaws.ecs.capability.task-iam-role");
        if (td.Input["networkMode"]?.GetValue<string>() == "awsvpc") names.Add("ecs.capability.task-eni");
        return new JsonArray(names.Select(n => (JsonNode)new JsonObject { ["name"] = n }).ToArray());
    }

    public static JsonObject ServiceDeploymentBrief(Service s, ServiceDeployment sd)
    {
        var o = new JsonObject
        {
            ["serviceDeploymentArn"] = sd.Arn,
            ["serviceArn"] = s.Arn,
            ["clusterArn"] = s.Cluster.Arn,
        };
        o.Put("startedAt", Epoch(sd.StartedAt));
        o["createdAt"] = Epoch(sd.CreatedAt);
        o.Put("finishedAt", Epoch(sd.FinishedAt));
        o["targetServiceRevisionArn"] = sd.Target.ServiceRevisionArn;
        o["status"] = sd.Status;
        o.Put("statusReason", sd.StatusReason);
        return o;
    }

    public static JsonObject ServiceDeployment(Service s, ServiceDeployment sd)
    {
        var o = new JsonObject
        {
            ["serviceDeploymentArn"] = sd.Arn,
            ["serviceArn"] = s.Arn,
            ["clusterArn"] = s.Cluster.Arn,
            ["createdAt"] = Epoch(sd.CreatedAt),
        };
        o.Put("startedAt", Epoch(sd.StartedAt)).Put("finishedAt", Epoch(sd.FinishedAt)).Put("stoppedAt", Epoch(sd.StoppedAt));
        o["updatedAt"] = Epoch(sd.UpdatedAt);
        o["sourceServiceRevisions"] = new JsonArray(sd.Sources.Select(d => (JsonNode)RevisionSummary(s, d, withWeights: false)).ToArray());
        o["targetServiceRevision"] = RevisionSummary(s, sd.Target, withWeights: false);
        o["status"] = sd.Status;
        o.Put("statusReason", sd.StatusReason);
        o["deploymentConfiguration"] = sd.DeploymentConfiguration.DeepClone();
        if (sd.RollbackStartedAt is { } started)
            o["rollback"] = new JsonObject { ["reason"] = sd.RollbackReason, ["startedAt"] = Epoch(started), ["serviceRevisionArn"] = sd.RollbackRevisionArn };
        o["deploymentCircuitBreaker"] = new JsonObject
        {
            ["status"] = sd.CircuitBreakerStatus,
            ["failureCount"] = sd.Target.FailedTasks,
            ["threshold"] = sd.CircuitBreakerThreshold,
        };
        o["alarms"] = new JsonObject { ["status"] = "DISABLED" };
        NativeViews.Decorate(o, sd);
        return o;
    }
}
