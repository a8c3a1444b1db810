namespace EcsBlueGreen.Simulator.Scenarios;

/// <summary>
/// Fleets spread over clusters and regions, built the same in eu-west-2 and us-east-1: the region's
/// own ECR repository <c>myapplication</c> with the seed images, ALB <c>fleet-alb</c>, and clusters of
/// services named <c>&lt;cluster&gt;-NN</c>, every one like the seed's service (family
/// <c>&lt;service&gt;-task</c>). The names repeat across regions on purpose: a call sent to the wrong
/// region finds a service of the same name, and only the region tells.
/// <list type="bullet">
/// <item><c>fleet2x2</c>: clusters <c>web</c> and <c>jobs</c>, 5 services each (20 in all).</item>
/// <item><c>fleet100</c>: clusters <c>web</c> (25), <c>jobs</c> (15) and <c>api</c> (10) in each region
/// (100 in all): sizes that are not all multiples of DescribeServices' 10, and 50 service deployments
/// a region, more than DescribeServiceDeployments' 20.</item>
/// </list>
/// </summary>
public static class FleetScenario
{
    public const string SecondRegion = "us-east-1";

    public static readonly IReadOnlyList<(string Cluster, int Services)> TwoByTwo = new[] { ("web", 5), ("jobs", 5) };

    public static readonly IReadOnlyList<(string Cluster, int Services)> Hundred = new[] { ("web", 25), ("jobs", 15), ("api", 10) };

    public static void Build(Engine.World world, IReadOnlyList<(string Cluster, int Services)> clusters)
    {
        SeedScenario.AddRepository(world);
        var lb = WorldBuilder.LoadBalancer(world, "fleet-alb");
        foreach (var (clusterName, count) in clusters)
        {
            var cluster = WorldBuilder.Cluster(world, clusterName);
            for (var i = 1; i <= count; i++)
            {
                var name = $"{clusterName}-{i:00}";
                SeedScenario.AddService(world, cluster, lb, name, name + "-task");
            }
        }
    }
}
