using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Control;

/// <summary>Counts every request by <c>Service.Operation</c>, failed and faulted ones included.</summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public void Count(string key) => counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public void Reset() => counts.Clear();

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        foreach (var (k, v) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }
}
