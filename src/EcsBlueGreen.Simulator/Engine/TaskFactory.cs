using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Ecs;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>Builds a new task from a task definition: containers, its pull result and its behaviour.</summary>
public static class TaskFactory
{
    public static SimTask Create(World world, Cluster cluster, TaskDefinition definition, Service? service, Deployment? deployment, string? startedBy = null)
    {
        var id = world.Ids.Hex(32);
        string? pullError = null;
        var containers = new List<SimContainer>();
        var labels = (IReadOnlyDictionary<string, string>)new Dictionary<string, string>();
        var essential = definition.EssentialContainer;
        foreach (var def in definition.ContainerDefinitions.OfType<JsonObject>())
        {
            var image = def["image"]?.GetValue<string>() ?? "";
            var name = def["name"]?.GetValue<string>() ?? "container";
            var resolved = ImageResolver.Resolve(world, image, deployment?.PinnedDigests.GetValueOrDefault(name));
            pullError ??= resolved.Error;
            if (def == essential && resolved.Image != null) labels = resolved.Image.Labels;
            containers.Add(new SimContainer
            {
                Name = name,
                Image = image,
                Essential = def["essential"]?.GetValue<bool>() != false,
                ImageDigest = resolved.Image?.Digest,
                RuntimeId = $"{id}-{world.Ids.Digits(10)}",
                Ports = (def["portMappings"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                    .Select(p => (p["containerPort"]?.GetValue<int>() ?? 0, p["protocol"]?.GetValue<string>() ?? "tcp")).ToList(),
            });
        }
        var environment = (essential?["environment"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
            .Where(e => e["name"] != null)
            .GroupBy(e => e["name"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Last()["value"]?.GetValue<string>() ?? "");

        var strategy = deployment?.CapacityProviderStrategy ?? service?.CapacityProviderStrategy;
        var capacityProvider = CapacityProviders.Choose(strategy);
        var task = new SimTask
        {
            Id = id,
            Arn = world.Arn("ecs", $"task/{cluster.Name}/{id}"),
            ClusterArn = cluster.Arn,
            TaskDefinition = definition,
            CreatedAt = world.Now,
            PrivateIp = world.Ids.PrivateIp(),
            Behaviour = AppBehaviour.From(labels, environment),
            Containers = containers,
            Service = service,
            Deployment = deployment,
            StartedBy = startedBy ?? deployment?.Id,
            Group = service != null ? $"service:{service.Name}" : "family:" + definition.Family,
            LaunchType = deployment?.LaunchType ?? service?.LaunchType ?? (capacityProvider == null || capacityProvider.StartsWith("FARGATE", StringComparison.Ordinal) ? "FARGATE" : "EC2"),
            CapacityProviderName = capacityProvider,
            StopTimeoutSeconds = essential?["stopTimeout"]?.GetValue<int>() ?? 30,
            PullError = pullError,
        };
        task.StateEnteredAt = world.Now;
        return task;
    }
}
