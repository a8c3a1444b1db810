using EcsBlueGreen.Simulator.Ecr;
using EcsBlueGreen.Simulator.Ecs;
using EcsBlueGreen.Simulator.Elb;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// The whole simulated account in one region: ECS, ECR, ELBv2 state, the clock and the id source.
/// Not thread-safe by itself: every reader and writer holds <see cref="Simulation.Gate"/>.
/// </summary>
public sealed class World
{
    public World(string region, string accountId, DateTimeOffset start, int seed, EngineSettings settings)
    {
        Region = region;
        AccountId = accountId;
        Clock = new SimClock(start);
        Ids = new IdGenerator(seed);
        Settings = settings;
    }

    public string Region { get; }
    public string AccountId { get; }
    public SimClock Clock { get; }
    public IdGenerator Ids { get; }
    public EngineSettings Settings { get; }
    public DateTimeOffset Now => Clock.Now;

    public Dictionary<string, Cluster> Clusters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<TaskDefinition>> TaskDefinitionFamilies { get; } = new(StringComparer.Ordinal);
    public EcrState Ecr { get; } = new();
    public ElbState Elb { get; } = new();
    public VerdictLog Verdicts { get; } = new();

    /// <summary>CloudWatch alarm name → state (OK unless set through the control surface); read by native deployments.</summary>
    public Dictionary<string, string> Alarms { get; } = new(StringComparer.Ordinal);

    /// <summary>The principal every call is attributed to (registeredBy, createdBy).</summary>
    public string CallerArn => $"arn:aws:iam::{AccountId}:user/simulator";

    public string EcrHost => $"{AccountId}.dkr.ecr.{Region}.amazonaws.com";

    public string Arn(string service, string resource) => $"arn:aws:{service}:{Region}:{AccountId}:{resource}";

    /// <summary>Moves simulated time forward, running one engine step per <see cref="EngineSettings.StepSeconds"/>.</summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        var step = TimeSpan.FromSeconds(Settings.StepSeconds);
        while (Clock.Now + step <= target)
        {
            Clock.Now += step;
            WorldStep.Run(this);
        }
    }

    /// <summary>By ARN, <c>family:revision</c> or <c>family</c> (latest ACTIVE revision).</summary>
    public TaskDefinition? FindTaskDefinition(string reference)
    {
        if (reference.StartsWith("arn:", StringComparison.Ordinal)) reference = reference[(reference.IndexOf('/') + 1)..];
        var colon = reference.LastIndexOf(':');
        var family = colon < 0 ? reference : reference[..colon];
        if (!TaskDefinitionFamilies.TryGetValue(family, out var revisions)) return null;
        if (colon < 0) return revisions.LastOrDefault(r => r.Status == "ACTIVE");
        return int.TryParse(reference[(colon + 1)..], out var n) ? revisions.FirstOrDefault(r => r.Revision == n) : null;
    }

    public IEnumerable<Service> AllServices => Clusters.Values.SelectMany(c => c.Services);

    public IEnumerable<SimTask> AllTasks => Clusters.Values.SelectMany(c => c.Tasks);
}
