using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>
/// One revision of a family. The RegisterTaskDefinition input is kept verbatim so every member
/// the caller sent comes back from DescribeTaskDefinition, known to us or not.
/// </summary>
public sealed class TaskDefinition
{
    public required string Family { get; init; }
    public required int Revision { get; init; }
    public required string Arn { get; init; }
    public required JsonObject Input { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
    public string Status { get; set; } = "ACTIVE";
    public DateTimeOffset? DeregisteredAt { get; set; }

    public JsonArray ContainerDefinitions => Input["containerDefinitions"] as JsonArray ?? new JsonArray();

    /// <summary>The essential container decides the task's fate (first essential one; essential defaults to true).</summary>
    public JsonObject? EssentialContainer =>
        ContainerDefinitions.OfType<JsonObject>().FirstOrDefault(c => c["essential"]?.GetValue<bool>() != false);
}
