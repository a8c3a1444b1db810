using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Ecs;

public sealed class Service
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required Cluster Cluster { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    public string Status { get; set; } = "ACTIVE";
    public int DesiredCount { get; set; }
    public string TaskDefinitionArn { get; set; } = "";
    public string? LaunchType { get; set; }
    public string? PlatformVersion { get; set; }
    public string? PlatformFamily { get; set; }
    public JsonNode? NetworkConfiguration { get; set; }
    public JsonNode? CapacityProviderStrategy { get; set; }
    public List<ServiceLoadBalancer> LoadBalancers { get; set; } = new();
    public DeploymentSettings DeploymentConfiguration { get; set; } = new();
    public int HealthCheckGracePeriodSeconds { get; set; }
    public string SchedulingStrategy { get; set; } = "REPLICA";
    public string DeploymentControllerType { get; set; } = "ECS";
    public string? RoleArn { get; set; }
    public JsonArray Tags { get; set; } = new();
    public bool EnableEcsManagedTags { get; set; }
    public string PropagateTags { get; set; } = "NONE";
    public bool EnableExecuteCommand { get; set; }
    public string AvailabilityZoneRebalancing { get; set; } = "DISABLED";

    /// <summary>Newest last; DescribeServices reverses and trims.</summary>
    public List<ServiceEvent> Events { get; } = new();

    /// <summary>Every deployment ever made, oldest first; <see cref="Deployment.Listed"/> ones form deployments[].</summary>
    public List<Deployment> Deployments { get; } = new();

    public List<ServiceDeployment> ServiceDeployments { get; } = new();

    /// <summary>True after "has reached a steady state." until something changes again.</summary>
    public bool Steady { get; set; }

    /// <summary>Tasks stopped for failing health checks whose replacements are not started yet (event wording).</summary>
    public int UnhealthyReplacementsOwed { get; set; }

    public Deployment? Primary => Deployments.LastOrDefault(d => d.Listed && d.Status == "PRIMARY");

    public IEnumerable<Deployment> ListedDeployments => Deployments.Where(d => d.Listed);

    public IEnumerable<SimTask> Tasks => Cluster.Tasks.Where(t => t.Service == this);
}

public sealed record ServiceLoadBalancer(string? TargetGroupArn, string? LoadBalancerName, string ContainerName, int ContainerPort, AdvancedConfiguration? Advanced = null);

/// <summary>deploymentConfiguration: the parts the engine obeys, plus the raw JSON to echo back.</summary>
public sealed class DeploymentSettings
{
    public int MinimumHealthyPercent { get; set; } = 100;
    public int MaximumPercent { get; set; } = 200;
    public bool CircuitBreakerEnabled { get; set; }
    public bool CircuitBreakerRollback { get; set; }
    public bool ResetOnHealthyTask { get; set; } = true;
    public string ThresholdType { get; set; } = "BOUNDED_PERCENT";
    public double ThresholdValue { get; set; } = 50;
    public string Strategy { get; set; } = "ROLLING";
    public JsonObject Extra { get; set; } = new();

    /// <summary>ECS's circuit-breaker threshold: clamp(ceil(value% x desired), 3, 200) by default (BOUNDED_PERCENT,
    /// value 50); COUNT is the value itself, UNBOUNDED_PERCENT has no clamp.</summary>
    public int Threshold(int desiredCount) => ThresholdType switch
    {
        "COUNT" => Math.Max(1, (int)ThresholdValue),
        "UNBOUNDED_PERCENT" => Math.Max(1, (int)Math.Ceiling(ThresholdValue / 100 * desiredCount)),
        _ => Math.Clamp((int)Math.Ceiling(ThresholdValue / 100 * desiredCount), 3, 200),
    };

    public DeploymentSettings Clone() => new()
    {
        MinimumHealthyPercent = MinimumHealthyPercent,
        MaximumPercent = MaximumPercent,
        CircuitBreakerEnabled = CircuitBreakerEnabled,
        CircuitBreakerRollback = CircuitBreakerRollback,
        ResetOnHealthyTask = ResetOnHealthyTask,
        ThresholdType = ThresholdType,
        ThresholdValue = ThresholdValue,
        Strategy = Strategy,
        Extra = (JsonObject)Extra.DeepClone(),
    };

    public JsonObject ToJson()
    {
        var breaker = new JsonObject { ["enable"] = CircuitBreakerEnabled, ["rollback"] = CircuitBreakerRollback };
        var o = new JsonObject
        {
            ["deploymentCircuitBreaker"] = breaker,
            ["maximumPercent"] = MaximumPercent,
            ["minimumHealthyPercent"] = MinimumHealthyPercent,
            ["strategy"] = Strategy,
        };
        foreach (var (k, v) in Extra) o[k] = v?.DeepClone();
        return o;
    }

    /// <summary>Applies an UpdateService/CreateService deploymentConfiguration on top of this one.</summary>
    public void Apply(JsonObject input)
    {
        foreach (var (key, value) in input)
        {
            switch (key)
            {
                case "minimumHealthyPercent": MinimumHealthyPercent = value!.GetValue<int>(); break;
                case "maximumPercent": MaximumPercent = value!.GetValue<int>(); break;
                case "strategy": Strategy = value!.GetValue<string>(); break;
                case "deploymentCircuitBreaker" when value is JsonObject cb:
                    CircuitBreakerEnabled = cb["enable"]?.GetValue<bool>() ?? false;
                    CircuitBreakerRollback = cb["rollback"]?.GetValue<bool>() ?? false;
                    if (cb["resetOnHealthyTask"] is JsonNode r) ResetOnHealthyTask = r.GetValue<bool>();
                    if (cb["thresholdConfiguration"] is JsonObject tc)
                    {
                        ThresholdType = tc["type"]?.GetValue<string>() ?? ThresholdType;
                        ThresholdValue = tc["value"]?.GetValue<double>() ?? ThresholdValue;
                    }
                    break;
                default: Extra[key] = value?.DeepClone(); break;
            }
        }
    }
}
