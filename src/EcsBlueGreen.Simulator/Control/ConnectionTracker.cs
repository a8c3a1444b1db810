using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Control;

/// <summary>
/// The TCP connections clients hold open to the simulator, and which of them carried an AWS API call
/// since the last request reset: a client that disposes its sessions leaves none of those open, one
/// that does not keeps them until its pool's idle timeout.
/// </summary>
public sealed class ConnectionTracker
{
    private readonly object gate = new();
    private readonly HashSet<string> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> awsCallGeneration = new(StringComparer.Ordinal);
    private long generation;

    public void Opened(string connectionId)
    {
        lock (gate) open.Add(connectionId);
    }

    public void Closed(string connectionId)
    {
        lock (gate)
        {
            open.Remove(connectionId);
            awsCallGeneration.Remove(connectionId);
        }
    }

    public void CarriedAwsCall(string connectionId)
    {
        lock (gate)
            if (open.Contains(connectionId)) awsCallGeneration[connectionId] = generation;
    }

    /// <summary>Forgets which connections carried calls (connections stay counted as open).</summary>
    public void Reset()
    {
        lock (gate) generation++;
    }

    public JsonObject ToJson()
    {
        lock (gate)
            return new JsonObject
            {
                ["open"] = open.Count,
                ["awsOpen"] = awsCallGeneration.Values.Count(g => g == generation),
            };
    }
}
