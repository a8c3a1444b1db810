using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Control;

/// <summary>
/// Every AWS API call in arrival order, with the detail a test needs to check how a client batches
/// (see <see cref="RequestLogEntry"/>). Bounded: past <see cref="Capacity"/> entries the oldest go,
/// and <c>dropped</c> says how many.
/// </summary>
public sealed class RequestLog
{
    public const int Capacity = 100_000;

    // The list input each operation asks for; the others log no items.
    private static readonly Dictionary<string, string> ItemMembers = new(StringComparer.Ordinal)
    {
        ["ECS.DescribeServices"] = "services",
        ["ECS.DescribeServiceDeployments"] = "serviceDeploymentArns",
        ["ECS.DescribeTasks"] = "tasks",
    };

    // The member that says what a write asks for, and the default ECS applies when it is absent.
    private static readonly Dictionary<string, (string Member, string Default)> ActionMembers = new(StringComparer.Ordinal)
    {
        ["ECS.ContinueServiceDeployment"] = ("action", "CONTINUE"),
        ["ECS.StopServiceDeployment"] = ("stopType", "ROLLBACK"),
    };

    private readonly object gate = new();
    private readonly LinkedList<RequestLogEntry> entries = new();
    private long sequence;
    private long dropped;

    /// <summary>Starts an entry for a call just received; it is listed once <see cref="Complete"/> runs.</summary>
    public RequestLogEntry Begin(string service, string operation, string? region, byte[] body, DateTimeOffset now, string? accessKeyId = null)
    {
        var input = ParseLeniently(body);
        var key = service + "." + operation;
        return new RequestLogEntry
        {
            Sequence = Interlocked.Increment(ref sequence),
            Service = service,
            Operation = operation,
            Region = region,
            AccessKeyId = accessKeyId,
            Cluster = service == "ECS" ? input?["cluster"] is JsonValue c && c.TryGetValue<string>(out var cluster) ? cluster : null : null,
            Items = ItemMembers.TryGetValue(key, out var member) ? Strings(input?[member]) : null,
            Action = ActionMembers.TryGetValue(key, out var action) ? Str(input?[action.Member]) ?? action.Default : null,
            Time = now,
        };
    }

    public void Complete(RequestLogEntry entry, int? status)
    {
        entry.Status = status;
        lock (gate)
        {
            entries.AddLast(entry);
            if (entries.Count > Capacity)
            {
                entries.RemoveFirst();
                dropped++;
            }
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            entries.Clear();
            dropped = 0;
        }
    }

    public JsonObject ToJson()
    {
        lock (gate)
        {
            var ordered = entries.OrderBy(e => e.Sequence).Select(e => (JsonNode)e.ToJson()).ToArray();
            return new JsonObject { ["requests"] = new JsonArray(ordered), ["dropped"] = dropped };
        }
    }

    private static JsonObject? ParseLeniently(byte[] body)
    {
        if (body.Length == 0) return null;
        try { return JsonNode.Parse(body) as JsonObject; }
        catch (JsonException) { return null; }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array
            ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "null").ToList()
            : Array.Empty<string>();
}
