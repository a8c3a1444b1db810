using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Ecs;

public sealed class Cluster
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public string Status { get; set; } = "ACTIVE";
    public JsonArray Tags { get; set; } = new();
    public JsonArray Settings { get; set; } = new() { new JsonObject { ["name"] = "containerInsights", ["value"] = "disabled" } };

    /// <summary>Services in creation order (ListServices returns them in this order).</summary>
    public List<Service> Services { get; } = new();

    /// <summary>Every task ever started in the cluster, stopped ones included.</summary>
    public List<SimTask> Tasks { get; } = new();

    public Service? FindService(string nameOrArn)
    {
        var name = nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;
        return Services.FirstOrDefault(s => s.Name == name && s.Status != "INACTIVE")
            ?? Services.LastOrDefault(s => s.Name == name);
    }
}
