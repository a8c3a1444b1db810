using EcsBlueGreen.Simulator.Control;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Faults;
using EcsBlueGreen.Simulator.Protocol;
using EcsBlueGreen.Simulator.Scenarios;

namespace EcsBlueGreen.Simulator;

/// <summary>
/// The running simulator: the world (replaced whole when a scenario loads), the gate every
/// request and engine step holds, and the cross-cutting parts (signatures, faults, counters).
/// </summary>
public sealed class Simulation
{
    private DateTimeOffset target;

    public Simulation(SimulatorOptions options, TimeProvider wallClock)
    {
        Options = options;
        WallClock = wallClock;
        Verifier = new SigV4Verifier(new Dictionary<string, string> { [options.AccessKey] = options.SecretKey }, wallClock);
        Faults = new FaultInjector(options.Faults, options.Seed);
        RateLimits = new RateLimiter(wallClock);
        TimeScale = options.TimeScale;
        ServiceDeploymentsApiDenied = options.ServiceDeploymentsApiDenied;
        World = ScenarioCatalog.Build(options.Scenario, options);
        target = World.Now;
    }

    public object Gate { get; } = new();
    public SimulatorOptions Options { get; }
    public TimeProvider WallClock { get; }
    public World World { get; private set; }
    public SigV4Verifier Verifier { get; }
    public FaultInjector Faults { get; }
    public RateLimiter RateLimits { get; }
    public RequestCounter Requests { get; } = new();
    public bool ServiceDeploymentsApiDenied { get; set; }

    /// <summary>Simulated seconds per wall second for the background ticker (0 = manual).</summary>
    public double TimeScale { get; set; }

    public void LoadScenario(string name)
    {
        var world = ScenarioCatalog.Build(name, Options);
        lock (Gate)
        {
            World = world;
            target = world.Now;
        }
    }

    /// <summary>Moves simulated time forward by <paramref name="seconds"/>, running every engine step on the way.</summary>
    public void Advance(double seconds)
    {
        lock (Gate)
        {
            if (target < World.Now) target = World.Now;
            target = target.AddSeconds(seconds);
            World.AdvanceTo(target);
        }
    }
}
