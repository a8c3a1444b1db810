using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Ecs.Model
{
    /// <summary>ListServiceDeployments entry.</summary>
    public class ServiceDeploymentBrief
    {
        public string ServiceDeploymentArn { get; set; } = "";
        public string? ServiceArn { get; set; }
        public string? ClusterArn { get; set; }
        /// <summary>PENDING, IN_PROGRESS, SUCCESSFUL, STOP_REQUESTED, STOPPED, ROLLBACK_REQUESTED,
        /// ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED.</summary>
        public string Status { get; set; } = "";
        public string? StatusReason { get; set; }
        public string? TargetServiceRevisionArn { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }

        /// <summary>Status, read leniently.</summary>
        public ServiceDeploymentState State => ServiceDeploymentStates.Parse(Status);
    }

    /// <summary>DescribeServiceDeployments entry.</summary>
    public sealed class ServiceDeployment : ServiceDeploymentBrief
    {
        public DateTimeOffset? UpdatedAt { get; set; }
        public DateTimeOffset? StoppedAt { get; set; }
        public IReadOnlyList<string> SourceServiceRevisionArns { get; set; } = Array.Empty<string>();
        public int? TargetRequestedTaskCount { get; set; }
        public int? TargetRunningTaskCount { get; set; }
        public int? TargetPendingTaskCount { get; set; }
        public string? LifecycleStage { get; set; }
        public string? RollbackReason { get; set; }
        public DateTimeOffset? RollbackStartedAt { get; set; }
        public string? RollbackServiceRevisionArn { get; set; }
        /// <summary>TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED.</summary>
        public string? CircuitBreakerStatus { get; set; }
        public int? CircuitBreakerFailureCount { get; set; }
        public int? CircuitBreakerThreshold { get; set; }
        /// <summary>targetServiceRevision.requestedProductionTrafficWeight (0-100); null outside native strategies.</summary>
        public double? TargetProductionTrafficWeight { get; set; }
        /// <summary>targetServiceRevision.requestedTestTrafficWeight (0-100); null outside native strategies.</summary>
        public double? TargetTestTrafficWeight { get; set; }
        public IReadOnlyList<ServiceRevisionSummary> SourceServiceRevisions { get; set; } = Array.Empty<ServiceRevisionSummary>();
        /// <summary>Every hook run of the deployment, as ECS lists them.</summary>
        public IReadOnlyList<LifecycleHookDetail> LifecycleHookDetails { get; set; } = Array.Empty<LifecycleHookDetail>();
        /// <summary>The configuration the deployment runs with (strategy, bake time, hooks).</summary>
        public DeploymentConfiguration? DeploymentConfiguration { get; set; }
        public string? AlarmsStatus { get; set; }
        public IReadOnlyList<string> TriggeredAlarmNames { get; set; } = Array.Empty<string>();

        public bool CircuitBreakerTriggered => CircuitBreakerStatus == MonitorStatus.Triggered;

        public bool AlarmsTriggered => AlarmsStatus == MonitorStatus.Triggered;
    }
}
