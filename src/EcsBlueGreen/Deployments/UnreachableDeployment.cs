using System;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// A deployment the wait stopped following because ECS could not be reached: what was last known
    /// of it and when. No verdict: what ECS did with it since is unknown.
    /// </summary>
    public sealed class UnreachableDeployment
    {
        internal UnreachableDeployment(EcsDeployment deployment, Uri? endpoint, DateTimeOffset unreachableSince, DateTimeOffset? lastSeenAt,
            string? lastRolloutState, string reason)
        {
            Deployment = deployment;
            Endpoint = endpoint;
            UnreachableSince = unreachableSince;
            LastSeenAt = lastSeenAt;
            LastRolloutState = lastRolloutState;
            Reason = reason;
        }

        /// <summary>The deployment as last seen (counts and events of the last answer; Verdict unset).</summary>
        public EcsDeployment Deployment { get; }

        public Uri? Endpoint { get; }

        /// <summary>Since when every attempt to reach ECS failed to connect.</summary>
        public DateTimeOffset UnreachableSince { get; }

        /// <summary>When ECS last described the deployment in this wait; null if it never did.</summary>
        public DateTimeOffset? LastSeenAt { get; }

        /// <summary>The deployment's rolloutState (IN_PROGRESS...) in that last answer.</summary>
        public string? LastRolloutState { get; }

        /// <summary>The failure of the last attempt (e.g. connection refused).</summary>
        public string Reason { get; }

        /// <summary>One line: which deployment, when last seen and in what state.</summary>
        public string Describe()
        {
            var d = Deployment;
            var subject = $"deployment {d.DeploymentId ?? d.ServiceDeploymentArn ?? "(unidentified)"} of {d.Cluster}/{d.Service}";
            if (LastSeenAt == null)
            {
                return $"{subject} was not seen in this wait";
            }

            var state = LastRolloutState ?? "state unknown";
            return $"{subject} was last seen at {LastSeenAt.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, {state} with {d.RunningCount}/{d.DesiredCount} new tasks running";
        }
    }
}
