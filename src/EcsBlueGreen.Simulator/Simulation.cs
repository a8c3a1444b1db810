using EcsBlueGreen.Simulator.Control;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Faults;
using EcsBlueGreen.Simulator.Protocol;
using EcsBlueGreen.Simulator.Scenarios;

namespace EcsBlueGreen.Simulator;

/// <summary>
/// The running simulator: one world per region (replaced whole when a scenario loads), the gate
/// every request and engine step holds, and the cross-cutting parts (signatures, faults, counters).
/// A call goes to the world of the region its signature is scoped to; a region the scenario did not
/// build is an empty one, made on first use, as every AWS region exists but holds nothing of yours.
/// </summary>
public sealed class Simulation
{
    private readonly Dictionary<string, World> regions = new(StringComparer.Ordinal);
    private DateTimeOffset target;

    public Simulation(SimulatorOptions options, TimeProvider wallClock)
    {
        Options = options;
        WallClock = wallClock;
        Verifier = new SigV4Verifier(new Dictionary<string, string> { [options.AccessKey] = options.SecretKey }, wallClock);
        Faults = new FaultInjector(options.Faults, options.Seed);
        RateLimits = new RateLimiter(wallClock);
        TimeScale = options.TimeScale;
        ServiceDeploymentsApi = options.ServiceDeploymentsApiDenied ? ServiceDeploymentsApiMode.Denied : ServiceDeploymentsApiMode.Available;
        EnforceRateLimits = options.EnforceRateLimits;
        ListenerPorts = new Elb.ListenerPorts(Gate);
        Install(ScenarioCatalog.Build(options.Scenario, options));
    }

    public object Gate { get; } = new();
    public SimulatorOptions Options { get; }
    public TimeProvider WallClock { get; }

    /// <summary>The scenario's home region (eu-west-2 in every scenario): its clock is the simulator's clock.</summary>
    public World World { get; private set; } = null!;

    /// <summary>Every region's world. Read under <see cref="Gate"/>.</summary>
    public IReadOnlyCollection<World> Worlds => regions.Values;

    public SigV4Verifier Verifier { get; }
    public FaultInjector Faults { get; }
    public RateLimiter RateLimits { get; }
    public RequestCounter Requests { get; } = new();
    public RequestLog RequestLog { get; } = new();
    public ConnectionTracker Connections { get; } = new();
    /// <summary>How List/Describe/StopServiceDeployment(s) answer: normally, or with one of the failures clients must survive.</summary>
    public ServiceDeploymentsApiMode ServiceDeploymentsApi { get; set; }

    /// <summary>ECS's documented token buckets on (<c>--enforce-rate-limits</c>, or at run time
    /// <c>POST /_simulator/rate-limits</c>); a bucket untouched while off has refilled when it comes on.</summary>
    public bool EnforceRateLimits { get; set; }
    /// <summary>The loopback ports of the simulated listeners (released by the host when it stops).</summary>
    public Elb.ListenerPorts ListenerPorts { get; }

    /// <summary>Simulated seconds per wall second for the background ticker (0 = manual).</summary>
    public double TimeScale { get; set; }

    /// <summary>The world of a region, made empty on first use. The caller holds <see cref="Gate"/>.</summary>
    public World WorldFor(string region)
    {
        if (regions.TryGetValue(region, out var world)) return world;
        world = new World(region, World.AccountId, World.Now, Options.Seed + 1000 * regions.Count, new EngineSettings());
        regions[region] = world;
        return world;
    }

    public void LoadScenario(string name)
    {
        var worlds = ScenarioCatalog.Build(name, Options);
        lock (Gate) Install(worlds);
    }

    /// <summary>Moves simulated time forward by <paramref name="seconds"/>, running every engine step of every region on the way.</summary>
    public void Advance(double seconds)
    {
        lock (Gate)
        {
            if (target < World.Now) target = World.Now;
            target = target.AddSeconds(seconds);
            foreach (var world in regions.Values) world.AdvanceTo(target);
        }
    }

    private void Install(IReadOnlyList<World> worlds)
    {
        regions.Clear();
        foreach (var world in worlds) regions.Add(world.Region, world);
        World = worlds[0];
        target = World.Now;
        ListenerPorts.Bind(worlds);
    }
}
