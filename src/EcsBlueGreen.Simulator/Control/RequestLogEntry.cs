using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Control;

/// <summary>
/// One AWS API call as the simulator received it: when (simulated time; for a call that ran, the
/// moment its answer describes), which service and operation, the region it was signed for, the
/// access key id it was signed with (never the secret), the cluster it named and the items it asked for (services of DescribeServices, ARNs of
/// DescribeServiceDeployments, tasks of DescribeTasks), the action of a service-deployment write, and the HTTP status it got.
/// </summary>
public sealed class RequestLogEntry
{
    public required long Sequence { get; init; }
    public required string Service { get; init; }
    public required string Operation { get; init; }
    public string? Region { get; init; }
    /// <summary>The access key id of the signature's credential scope, also for a call whose signature failed.</summary>
    public string? AccessKeyId { get; init; }
    public string? Cluster { get; init; }
    /// <summary>Null for operations that ask for no list of items.</summary>
    public IReadOnlyList<string>? Items { get; init; }
    /// <summary>What a ContinueServiceDeployment (action) or StopServiceDeployment (stopType) asked for, its default when absent; null for other operations.</summary>
    public string? Action { get; init; }
    public DateTimeOffset Time { get; set; }
    public int? Status { get; set; }

    public JsonObject ToJson() => new()
    {
        ["sequence"] = Sequence,
        ["time"] = SimClock.ToIso(Time),
        ["epochSeconds"] = SimClock.ToEpochSeconds(Time),
        ["service"] = Service,
        ["operation"] = Operation,
        ["region"] = Region,
        ["accessKeyId"] = AccessKeyId,
        ["cluster"] = Cluster,
        ["itemCount"] = Items?.Count,
        ["items"] = Items == null ? null : new JsonArray(Items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        ["action"] = Action,
        ["status"] = Status,
    };
}
