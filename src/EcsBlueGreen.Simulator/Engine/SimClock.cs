namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// Simulated time. Only the engine moves it (see <see cref="World.AdvanceTo"/>), so every
/// timestamp the simulator hands out is simulated time, whatever the wall clock does.
/// </summary>
public sealed class SimClock
{
    public SimClock(DateTimeOffset start) => Now = start;

    public DateTimeOffset Now { get; internal set; }

    public static double ToEpochSeconds(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>ISO 8601 as the query protocol writes timestamps (UTC, milliseconds, Z).</summary>
    public static string ToIso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
