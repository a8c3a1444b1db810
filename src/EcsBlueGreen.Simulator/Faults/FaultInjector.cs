namespace EcsBlueGreen.Simulator.Faults;

public enum FaultKind { None, Throttle, ServerError500, ServiceUnavailable503, Drop }

/// <summary>Draws faults from a seeded generator so a run can be repeated.</summary>
public sealed class FaultInjector
{
    private readonly Random random;
    private readonly object sync = new();

    public FaultInjector(FaultSettings settings, int seed)
    {
        Settings = settings;
        random = new Random(seed);
    }

    /// <summary>Replaced whole at run time by POST /_simulator/faults.</summary>
    public FaultSettings Settings { get; set; }

    /// <summary>The fault for one call; AfterEffect: a 5xx or a drop that comes only once the call has
    /// run (its outcome is unknown to the client, as with AWS), drawn with the TakenEffect share.</summary>
    public (FaultKind Kind, int LatencyMs, bool AfterEffect) Decide(string operationKey)
    {
        var s = Settings.For(operationKey);
        lock (sync)
        {
            var kind = FaultKind.None;
            if (s.Drop > 0 && random.NextDouble() < s.Drop) kind = FaultKind.Drop;
            else if (s.Throttle > 0 && random.NextDouble() < s.Throttle) kind = FaultKind.Throttle;
            else if (s.ServerError > 0 && random.NextDouble() < s.ServerError)
                kind = random.Next(2) == 0 ? FaultKind.ServerError500 : FaultKind.ServiceUnavailable503;
            var afterEffect = kind is FaultKind.Drop or FaultKind.ServerError500 or FaultKind.ServiceUnavailable503
                              && s.TakenEffect > 0 && random.NextDouble() < s.TakenEffect;
            return (kind, s.LatencyMs, afterEffect);
        }
    }
}
