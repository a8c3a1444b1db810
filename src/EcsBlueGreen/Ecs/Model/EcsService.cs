using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Ecs.Model
{
    /// <summary>Read model of a DescribeServices entry: the members a deployment is judged on.</summary>
    public sealed class EcsService
    {
        public string ServiceArn { get; set; } = "";
        public string ServiceName { get; set; } = "";
        public string ClusterArn { get; set; } = "";
        public string Status { get; set; } = "";
        public int DesiredCount { get; set; }
        public int RunningCount { get; set; }
        public int PendingCount { get; set; }
        public string TaskDefinition { get; set; } = "";
        public string? LaunchType { get; set; }
        /// <summary>ECS, CODE_DEPLOY or EXTERNAL (ECS when absent).</summary>
        public string DeploymentControllerType { get; set; } = "ECS";
        public int? HealthCheckGracePeriodSeconds { get; set; }
        public DeploymentConfiguration DeploymentConfiguration { get; set; } = new DeploymentConfiguration();
        public IReadOnlyList<DeploymentEntry> Deployments { get; set; } = Array.Empty<DeploymentEntry>();
        /// <summary>Newest first, as ECS returns them.</summary>
        public IReadOnlyList<ServiceEvent> Events { get; set; } = Array.Empty<ServiceEvent>();
        public IReadOnlyList<ServiceLoadBalancer> LoadBalancers { get; set; } = Array.Empty<ServiceLoadBalancer>();
        public string? CurrentServiceDeployment { get; set; }

        /// <summary>The deployment the service is heading to (deployments[].status PRIMARY), if any.</summary>
        public DeploymentEntry? Primary => FindPrimary(Deployments);

        public bool IsActive => Status == ServiceStatus.Active;

        /// <summary>The entry of deployments[] with this id, if it is still listed.</summary>
        public DeploymentEntry? Deployment(string? id)
        {
            if (id == null)
            {
                return null;
            }

            foreach (var entry in Deployments)
            {
                if (entry.Id == id)
                {
                    return entry;
                }
            }

            return null;
        }

        private static DeploymentEntry? FindPrimary(IReadOnlyList<DeploymentEntry> deployments)
        {
            foreach (var entry in deployments)
            {
                if (entry.IsPrimary)
                {
                    return entry;
                }
            }

            return null;
        }
    }

    public sealed class DeploymentConfiguration
    {
        public int? MinimumHealthyPercent { get; set; }
        public int? MaximumPercent { get; set; }
        public bool CircuitBreakerEnabled { get; set; }
        public bool CircuitBreakerRollback { get; set; }
        /// <summary>ROLLING, BLUE_GREEN, LINEAR or CANARY (ROLLING when absent).</summary>
        public string Strategy { get; set; } = "ROLLING";
        public bool AlarmsEnabled { get; set; }
        public bool AlarmsRollback { get; set; }
        public IReadOnlyList<string> AlarmNames { get; set; } = Array.Empty<string>();
        public int? BakeTimeInMinutes { get; set; }
        public double? LinearStepPercent { get; set; }
        public int? LinearStepBakeTimeInMinutes { get; set; }
        public double? CanaryPercent { get; set; }
        public int? CanaryBakeTimeInMinutes { get; set; }
        public IReadOnlyList<DeploymentLifecycleHook> LifecycleHooks { get; set; } = Array.Empty<DeploymentLifecycleHook>();

        /// <summary>
        /// The deploymentConfiguration as ECS sent it, so a change can be written back without losing
        /// members this model does not name (a Lambda hook's hookDetails document, for one).
        /// </summary>
        public System.Text.Json.Nodes.JsonObject? Raw { get; set; }
    }

    /// <summary>One entry of Service.deployments[].</summary>
    public sealed class DeploymentEntry
    {
        public string Id { get; set; } = "";
        /// <summary>PRIMARY, ACTIVE or INACTIVE.</summary>
        public string Status { get; set; } = "";
        public string TaskDefinition { get; set; } = "";
        public int DesiredCount { get; set; }
        public int PendingCount { get; set; }
        public int RunningCount { get; set; }
        public int FailedTasks { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        /// <summary>IN_PROGRESS, COMPLETED or FAILED; null on services without the circuit breaker era fields.</summary>
        public string? RolloutState { get; set; }
        public string? RolloutStateReason { get; set; }

        public bool IsPrimary => Status == DeploymentEntryStatus.Primary;

        /// <summary>The entry the circuit breaker is rolling back to (its reason says so).</summary>
        public bool IsRollbackTarget => RollbackWording.SaysRollingBack(RolloutStateReason);
    }

    public sealed class ServiceEvent
    {
        public string Id { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public string Message { get; set; } = "";
    }

    public sealed class ServiceLoadBalancer
    {
        public string? TargetGroupArn { get; set; }
        public string? LoadBalancerName { get; set; }
        public string? ContainerName { get; set; }
        public int? ContainerPort { get; set; }
        public AdvancedConfiguration? AdvancedConfiguration { get; set; }
    }

    public sealed class DescribeServicesResult
    {
        public IReadOnlyList<EcsService> Services { get; set; } = Array.Empty<EcsService>();
        public IReadOnlyList<ApiFailure> Failures { get; set; } = Array.Empty<ApiFailure>();
    }

    public sealed class ApiFailure
    {
        public string? Arn { get; set; }
        public string? Reason { get; set; }
        public string? Detail { get; set; }
    }

    public sealed class UpdateServiceRequest
    {
        public string Cluster { get; set; } = "";
        public string Service { get; set; } = "";
        public string? TaskDefinition { get; set; }
        public bool ForceNewDeployment { get; set; }
        public int? DesiredCount { get; set; }
        /// <summary>A whole deploymentConfiguration to write with the update (ECS replaces the one it has).</summary>
        public System.Text.Json.Nodes.JsonObject? DeploymentConfiguration { get; set; }
    }

    public sealed class ListTasksRequest
    {
        public string Cluster { get; set; } = "";
        public string? ServiceName { get; set; }
        public string? StartedBy { get; set; }
        /// <summary>RUNNING, PENDING or STOPPED.</summary>
        public string? DesiredStatus { get; set; }
    }
}
