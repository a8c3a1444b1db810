using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Scenarios;

/// <summary>
/// Named starting worlds. Each is built some simulated minutes before the start time and run by
/// the engine up to it, so services start steady with a genuine deployment and event history.
/// </summary>
public static class ScenarioCatalog
{
    public static readonly IReadOnlyList<string> Names = new[] { "seed", "fleet20", "empty" };

    private const double WarmUpSeconds = 300;

    public static World Build(string name, SimulatorOptions options)
    {
        var start = options.StartTime ?? DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var world = new World(SeedScenario.Region, SeedScenario.Account, start.AddSeconds(-WarmUpSeconds), options.Seed, new EngineSettings());
        switch (name)
        {
            case "seed": SeedScenario.Build(world, options.FleetServices); break;
            case "fleet20": SeedScenario.Build(world, Math.Max(20, options.FleetServices)); break;
            case "empty": WorldBuilder.Cluster(world, "default"); break;
            default: throw new ArgumentException($"unknown scenario '{name}' (known: {string.Join(", ", Names)})");
        }
        world.AdvanceTo(start);
        return world;
    }
}
