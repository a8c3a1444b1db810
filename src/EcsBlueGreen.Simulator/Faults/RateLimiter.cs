namespace EcsBlueGreen.Simulator.Faults;

/// <summary>
/// ECS's documented token buckets per action category (burst, refill per second; ECS API reference,
/// "Request throttling"), plus one
/// bucket for ELBv2 Describe calls. Wall time, because clients pace their calls in wall time.
/// </summary>
public sealed class RateLimiter
{
    private sealed class Bucket(double burst, double perSecond)
    {
        public double Burst { get; } = burst;
        public double PerSecond { get; } = perSecond;
        public double Tokens { get; set; } = burst;
        public long LastTicks { get; set; }
    }

    private static readonly (string Category, double Burst, double Rate, string[] Actions)[] Table =
    {
        ("ecs-cluster-read", 50, 20, new[] { "ECS.DescribeClusters", "ECS.ListClusters" }),
        ("ecs-cluster-modify", 20, 1, new[] { "ECS.CreateCluster", "ECS.DeleteCluster", "ECS.UpdateCluster" }),
        ("ecs-taskdef-read", 50, 20, new[] { "ECS.DescribeTaskDefinition", "ECS.ListTaskDefinitions", "ECS.ListTaskDefinitionFamilies" }),
        ("ecs-taskdef-modify", 20, 1, new[] { "ECS.RegisterTaskDefinition", "ECS.DeregisterTaskDefinition" }),
        ("ecs-service-read", 100, 20, new[] { "ECS.DescribeServices", "ECS.ListServices" }),
        ("ecs-service-modify", 50, 5, new[] { "ECS.CreateService", "ECS.UpdateService", "ECS.DeleteService" }),
        ("ecs-service-deployment", 50, 20, new[] { "ECS.DescribeServiceDeployments", "ECS.ListServiceDeployments" }),
        ("ecs-resource-read", 100, 20, new[] { "ECS.DescribeTasks", "ECS.ListTasks" }),
        ("ecs-resource-modify", 100, 40, new[] { "ECS.RunTask", "ECS.StartTask", "ECS.StopTask" }),
        ("elbv2-describe", 40, 10, new[] { "ELBv2.DescribeTargetGroups", "ELBv2.DescribeTargetHealth", "ELBv2.DescribeTargetGroupAttributes", "ELBv2.DescribeListeners", "ELBv2.DescribeRules", "ELBv2.DescribeLoadBalancers" }),
    };

    private readonly Dictionary<string, Bucket> buckets = new();
    private readonly Dictionary<string, string> categoryOf = new();
    private readonly TimeProvider clock;
    private readonly object sync = new();

    public RateLimiter(TimeProvider clock)
    {
        this.clock = clock;
        foreach (var (category, burst, rate, actions) in Table)
        {
            buckets[category] = new Bucket(burst, rate) { LastTicks = clock.GetTimestamp() };
            foreach (var a in actions) categoryOf[a] = category;
        }
    }

    /// <summary>Takes a token; false when the category's bucket is empty.</summary>
    public bool TryAcquire(string operationKey)
    {
        if (!categoryOf.TryGetValue(operationKey, out var category)) return true;
        lock (sync)
        {
            var b = buckets[category];
            var now = clock.GetTimestamp();
            b.Tokens = Math.Min(b.Burst, b.Tokens + clock.GetElapsedTime(b.LastTicks, now).TotalSeconds * b.PerSecond);
            b.LastTicks = now;
            if (b.Tokens < 1) return false;
            b.Tokens -= 1;
            return true;
        }
    }
}
