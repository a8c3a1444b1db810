namespace EcsBlueGreen.Simulator.Scenarios;

/// <summary>
/// A fleet spread over clusters and regions (<c>fleet2x2</c>): in each of eu-west-2 and us-east-1,
/// clusters <c>web</c> and <c>jobs</c> with 5 services each (<c>web-01</c>..<c>web-05</c>,
/// <c>jobs-01</c>..<c>jobs-05</c>), every one like the seed's service, and the region's own ECR
/// repository <c>myapplication</c> with the seed images. The names repeat across regions on purpose:
/// a call sent to the wrong region finds a service of the same name, and only the region tells.
/// </summary>
public static class FleetScenario
{
    public const string SecondRegion = "us-east-1";
    public static readonly IReadOnlyList<string> Clusters = new[] { "web", "jobs" };
    public const int ServicesPerCluster = 5;

    public static void Build(Engine.World world)
    {
        SeedScenario.AddRepository(world);
        var lb = WorldBuilder.LoadBalancer(world, "fleet-alb");
        foreach (var clusterName in Clusters)
        {
            var cluster = WorldBuilder.Cluster(world, clusterName);
            for (var i = 1; i <= ServicesPerCluster; i++)
            {
                var name = $"{clusterName}-{i:00}";
                SeedScenario.AddService(world, cluster, lb, name, name + "-task");
            }
        }
    }
}
