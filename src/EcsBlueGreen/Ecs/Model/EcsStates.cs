using System;

namespace EcsBlueGreen.Ecs.Model
{
    // The state names ECS uses on the wire. They stay strings on the read models, because AWS adds
    // values over time: an unknown value is carried through as it came and simply matches none of
    // these, so it can never break a wait.

    // Only the values the module decides on are named; the others pass through as strings.

    /// <summary>Service.status.</summary>
    public static class ServiceStatus
    {
        public const string Active = "ACTIVE";
    }

    /// <summary>Service.deployments[].status.</summary>
    public static class DeploymentEntryStatus
    {
        public const string Primary = "PRIMARY";
    }

    /// <summary>Service.deployments[].rolloutState.</summary>
    public static class RolloutState
    {
        public const string InProgress = "IN_PROGRESS";
        public const string Completed = "COMPLETED";
        public const string Failed = "FAILED";
    }

    /// <summary>ServiceDeployment.deploymentCircuitBreaker.status and .alarms.status (the one value a verdict turns on).</summary>
    public static class MonitorStatus
    {
        public const string Triggered = "TRIGGERED";
    }

    /// <summary>The task desiredStatus the module lists by.</summary>
    public static class EcsTaskStatus
    {
        public const string Stopped = "STOPPED";
        public const string Running = "RUNNING";
    }

    /// <summary>ServiceDeployment.status, read leniently: a value ECS adds later is <see cref="Unknown"/>.</summary>
    public enum ServiceDeploymentState
    {
        Unknown,
        Pending,
        InProgress,
        Successful,
        StopRequested,
        Stopped,
        RollbackRequested,
        RollbackInProgress,
        RollbackSuccessful,
        RollbackFailed,
    }

    public static class ServiceDeploymentStates
    {
        public static ServiceDeploymentState Parse(string? wire)
        {
            switch (wire)
            {
                case "PENDING": return ServiceDeploymentState.Pending;
                case "IN_PROGRESS": return ServiceDeploymentState.InProgress;
                case "SUCCESSFUL": return ServiceDeploymentState.Successful;
                case "STOP_REQUESTED": return ServiceDeploymentState.StopRequested;
                case "STOPPED": return ServiceDeploymentState.Stopped;
                case "ROLLBACK_REQUESTED": return ServiceDeploymentState.RollbackRequested;
                case "ROLLBACK_IN_PROGRESS": return ServiceDeploymentState.RollbackInProgress;
                case "ROLLBACK_SUCCESSFUL": return ServiceDeploymentState.RollbackSuccessful;
                case "ROLLBACK_FAILED": return ServiceDeploymentState.RollbackFailed;
                default: return ServiceDeploymentState.Unknown;
            }
        }

        /// <summary>The wire name, for filters such as ListServiceDeployments' status.</summary>
        public static string ToWire(ServiceDeploymentState state)
        {
            switch (state)
            {
                case ServiceDeploymentState.Pending: return "PENDING";
                case ServiceDeploymentState.InProgress: return "IN_PROGRESS";
                case ServiceDeploymentState.Successful: return "SUCCESSFUL";
                case ServiceDeploymentState.StopRequested: return "STOP_REQUESTED";
                case ServiceDeploymentState.Stopped: return "STOPPED";
                case ServiceDeploymentState.RollbackRequested: return "ROLLBACK_REQUESTED";
                case ServiceDeploymentState.RollbackInProgress: return "ROLLBACK_IN_PROGRESS";
                case ServiceDeploymentState.RollbackSuccessful: return "ROLLBACK_SUCCESSFUL";
                case ServiceDeploymentState.RollbackFailed: return "ROLLBACK_FAILED";
                default: throw new ArgumentOutOfRangeException(nameof(state), state, "An unknown state has no wire name.");
            }
        }

        /// <summary>ECS is rolling back, or has rolled back, or tried to.</summary>
        public static bool IsRollback(ServiceDeploymentState state) =>
            state == ServiceDeploymentState.RollbackRequested || state == ServiceDeploymentState.RollbackInProgress ||
            state == ServiceDeploymentState.RollbackSuccessful || state == ServiceDeploymentState.RollbackFailed;
    }

    /// <summary>ECS's own words in rolloutStateReason and events that mark a rollback.</summary>
    public static class RollbackWording
    {
        /// <summary>"ECS deployment circuit breaker: rolling back to deploymentId …" and the event "rolling back to deployment …".</summary>
        public static bool SaysRollingBack(string? text) =>
            text != null && text.IndexOf("rolling back", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
