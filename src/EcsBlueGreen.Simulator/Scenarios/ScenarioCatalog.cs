using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Scenarios;

/// <summary>
/// Named starting worlds, one per region the scenario uses (the home region, eu-west-2, first).
/// Each is built some simulated minutes before the start time and run by the engine up to it, so
/// services start steady with a genuine deployment and event history.
/// </summary>
public static class ScenarioCatalog
{
    public static readonly IReadOnlyList<string> Names = new[] { "seed", "fleet20", "fleet2x2", "fleet100", "strategies", "empty" };

    private const double WarmUpSeconds = 300;

    public static IReadOnlyList<World> Build(string name, SimulatorOptions options)
    {
        var start = options.StartTime ?? DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        // Each region draws its own ids, as ECS's are unique across regions.
        World NewWorld(string region, int index) =>
            new World(region, SeedScenario.Account, start.AddSeconds(-WarmUpSeconds), options.Seed + 1000 * index, new EngineSettings());

        var home = NewWorld(SeedScenario.Region, 0);
        var worlds = new List<World> { home };
        switch (name)
        {
            case "seed": SeedScenario.Build(home, options.FleetServices); break;
            case "fleet20": SeedScenario.Build(home, Math.Max(20, options.FleetServices)); break;
            case "fleet2x2":
            case "fleet100":
                var clusters = name == "fleet2x2" ? FleetScenario.TwoByTwo : FleetScenario.Hundred;
                var second = NewWorld(FleetScenario.SecondRegion, 1);
                FleetScenario.Build(home, clusters);
                FleetScenario.Build(second, clusters);
                worlds.Add(second);
                break;
            case "strategies": StrategiesScenario.Build(home); break;
            case "empty": WorldBuilder.Cluster(home, "default"); break;
            default: throw new ArgumentException($"unknown scenario '{name}' (known: {string.Join(", ", Names)})");
        }
        foreach (var world in worlds) world.AdvanceTo(start);
        return worlds;
    }
}
