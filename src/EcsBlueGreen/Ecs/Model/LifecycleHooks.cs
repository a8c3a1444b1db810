using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Ecs.Model
{
    /// <summary>deploymentConfiguration.lifecycleHooks[] entry.</summary>
    public sealed class DeploymentLifecycleHook
    {
        /// <summary>AWS_LAMBDA or PAUSE.</summary>
        public string TargetType { get; set; } = "";
        public string? HookTargetArn { get; set; }
        public string? RoleArn { get; set; }
        public IReadOnlyList<string> LifecycleStages { get; set; } = Array.Empty<string>();
        public int? TimeoutInMinutes { get; set; }
        /// <summary>CONTINUE or ROLLBACK; ECS applies ROLLBACK when absent.</summary>
        public string? TimeoutAction { get; set; }

        public bool IsPause => TargetType == LifecycleHookValues.Pause;
    }

    /// <summary>ServiceDeployment.lifecycleHookDetails[] entry: one run of a hook.</summary>
    public sealed class LifecycleHookDetail
    {
        public string HookId { get; set; } = "";
        /// <summary>AWS_LAMBDA or PAUSE.</summary>
        public string TargetType { get; set; } = "";
        public string? TargetArn { get; set; }
        /// <summary>AWAITING_ACTION, IN_PROGRESS, SUCCEEDED, FAILED or TIMED_OUT (others pass through).</summary>
        public string Status { get; set; } = "";
        public DateTimeOffset? ExpiresAt { get; set; }
        public string? TimeoutAction { get; set; }

        public bool IsPause => TargetType == LifecycleHookValues.Pause;

        public bool IsAwaitingAction => Status == LifecycleHookValues.AwaitingAction;
    }

    /// <summary>loadBalancers[].advancedConfiguration: what a traffic-shifting strategy needs.</summary>
    public sealed class AdvancedConfiguration
    {
        public string? AlternateTargetGroupArn { get; set; }
        public string? ProductionListenerRule { get; set; }
        public string? TestListenerRule { get; set; }
        public string? RoleArn { get; set; }
    }

    /// <summary>ServiceRevisionSummary: a revision of a service deployment with its counts and traffic weights.</summary>
    public sealed class ServiceRevisionSummary
    {
        public string Arn { get; set; } = "";
        public int? RequestedTaskCount { get; set; }
        public int? RunningTaskCount { get; set; }
        public int? PendingTaskCount { get; set; }
        public double? RequestedTestTrafficWeight { get; set; }
        public double? RequestedProductionTrafficWeight { get; set; }
    }
}
