using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Ecs;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// Starts a new deployment of a service (CreateService, UpdateService that needs new tasks,
/// forceNewDeployment): a PRIMARY deployment, a service revision and a service deployment; the
/// previous deployments turn ACTIVE and unfinished service deployments are stopped.
/// </summary>
public static class DeploymentStarter
{
    public static Deployment Start(World world, Service service, TaskDefinition definition)
    {
        var now = world.Now;
        foreach (var sd in service.ServiceDeployments.Where(x => x.Status is "PENDING" or "IN_PROGRESS" or "ROLLBACK_REQUESTED"))
        {
            sd.Status = "STOP_REQUESTED";
            sd.StatusReason = "Service deployment was stopped because a newer deployment was started.";
            sd.UpdatedAt = now;
        }
        var sources = service.ListedDeployments.Where(d => service.Tasks.Any(t => t.Deployment == d && t.WantsToRun)).ToList();
        foreach (var d in service.ListedDeployments) d.Status = "ACTIVE";

        var id = world.Ids.DeploymentId();
        var deployment = new Deployment
        {
            Id = id,
            TaskDefinitionArn = definition.Arn,
            CreatedAt = now,
            UpdatedAt = now,
            ServiceRevisionArn = world.Arn("ecs", $"service-revision/{service.Cluster.Name}/{service.Name}/{world.Ids.Digits(19)}"),
            DesiredCount = service.DesiredCount,
            LaunchType = service.LaunchType,
            PlatformVersion = service.PlatformVersion,
            NetworkConfiguration = service.NetworkConfiguration?.DeepClone(),
            CapacityProviderStrategy = service.CapacityProviderStrategy?.DeepClone(),
            RolloutStateReason = $"ECS deployment {id} in progress.",
        };
        foreach (var container in definition.ContainerDefinitions.OfType<JsonObject>())
        {
            if (container["name"]?.GetValue<string>() is { } name && container["image"]?.GetValue<string>() is { } image && ImageResolver.Pin(world, image) is { } digest)
                deployment.PinnedDigests[name] = digest;
        }
        var settings = service.DeploymentConfiguration;
        var sdId = world.Ids.ServiceDeploymentId();
        deployment.ServiceDeployment = new ServiceDeployment
        {
            Id = sdId,
            Arn = world.Arn("ecs", $"service-deployment/{service.Cluster.Name}/{service.Name}/{sdId}"),
            Target = deployment,
            CreatedAt = now,
            UpdatedAt = now,
            Sources = sources,
            DeploymentConfiguration = settings.ToJson(),
            CircuitBreakerStatus = settings.CircuitBreakerEnabled ? "MONITORING" : "DISABLED",
            CircuitBreakerThreshold = settings.CircuitBreakerEnabled ? settings.Threshold(service.DesiredCount) : 0,
        };
        service.Deployments.Add(deployment);
        NativeScheduler.Begin(world, service, deployment, sources);
        service.ServiceDeployments.Add(deployment.ServiceDeployment);
        service.TaskDefinitionArn = definition.Arn;
        service.Steady = false;
        return deployment;
    }
}
