using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Faults;

/// <summary>
/// Fault rates (0..1) and added latency, overall and per operation key (<c>ECS.DescribeServices</c>,
/// <c>Registry.BlobUpload</c>). JSON form: <c>{"throttle":0.2,"5xx":0.05,"drop":0.02,"latencyMs":300,"takenEffect":0.5,"operations":{...}}</c>.
/// </summary>
public sealed class FaultSettings
{
    public double Throttle { get; set; }
    public double ServerError { get; set; }
    public double Drop { get; set; }
    public int LatencyMs { get; set; }

    /// <summary>Share (0..1) of the 5xx and dropped ECS/ECR answers that come after the call ran: a write
    /// then took effect although the client saw it fail. 0: every fault comes before the call runs.</summary>
    public double TakenEffect { get; set; }
    public Dictionary<string, FaultSettings> Operations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The operation's own settings where it has them, else the overall ones.</summary>
    public FaultSettings For(string operationKey) => Operations.GetValueOrDefault(operationKey) ?? this;

    public static FaultSettings FromJson(JsonObject o)
    {
        var f = new FaultSettings
        {
            Throttle = o["throttle"]?.GetValue<double>() ?? 0,
            ServerError = o["5xx"]?.GetValue<double>() ?? 0,
            Drop = o["drop"]?.GetValue<double>() ?? 0,
            LatencyMs = (int)(o["latencyMs"]?.GetValue<double>() ?? 0),
            TakenEffect = o["takenEffect"]?.GetValue<double>() ?? 0,
        };
        if (o["operations"] is JsonObject ops)
            foreach (var (key, value) in ops)
                if (value is JsonObject op) f.Operations[key] = FromJson(op);
        foreach (var rate in new[] { f.Throttle, f.ServerError, f.Drop, f.TakenEffect })
            if (rate is < 0 or > 1) throw new ArgumentException("fault rates must be between 0 and 1");
        return f;
    }

    public JsonObject ToJson()
    {
        var o = new JsonObject { ["throttle"] = Throttle, ["5xx"] = ServerError, ["drop"] = Drop, ["latencyMs"] = LatencyMs, ["takenEffect"] = TakenEffect };
        var ops = new JsonObject();
        foreach (var (k, v) in Operations) ops[k] = v.ToJson();
        o["operations"] = ops;
        return o;
    }
}
