using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// When (simulated time) each deployment reached a verdict. Benchmarks compare these moments
/// with the moment a client reported the same verdict.
/// </summary>
public sealed class VerdictLog
{
    private readonly List<JsonObject> entries = new();

    public void Record(DateTimeOffset at, Ecs.Service service, Ecs.Deployment deployment, string verdict, string? reason = null)
    {
        entries.Add(new JsonObject
        {
            ["at"] = SimClock.ToIso(at),
            ["epochSeconds"] = SimClock.ToEpochSeconds(at),
            ["cluster"] = service.Cluster.Name,
            ["service"] = service.Name,
            ["deploymentId"] = deployment.Id,
            ["serviceDeploymentArn"] = deployment.ServiceDeployment?.Arn,
            ["taskDefinition"] = deployment.TaskDefinitionArn,
            ["verdict"] = verdict,
            ["reason"] = reason,
        });
    }

    public JsonArray ToJson() => new(entries.Select(e => (JsonNode)e.DeepClone()).ToArray());
}
