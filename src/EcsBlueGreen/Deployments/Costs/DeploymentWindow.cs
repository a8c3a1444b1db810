using System;

namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>
    /// The overlap a rolling deployment pays for: task-seconds beyond the desired count between the
    /// first new task's start and the last old task's stop, split into its three parts.
    /// </summary>
    public sealed class DeploymentWindow
    {
        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }
        public TimeSpan Duration => End - Start;
        public int DesiredCount { get; set; }

        /// <summary>Task-seconds above DesiredCount over the whole window.</summary>
        public double ExtraTaskSeconds { get; set; }

        /// <summary>Before the first old task was stopped: new tasks pulling, starting and passing health checks.</summary>
        public double StartingTaskSeconds { get; set; }

        /// <summary>Old tasks stopped but not yet deregistered: both versions up and healthy.</summary>
        public double HealthyOverlapTaskSeconds { get; set; }

        /// <summary>From the deregistration of old targets to the last old task's stop.</summary>
        public double DrainingTaskSeconds { get; set; }

        /// <summary>What the extra task-seconds cost; null where no rate applies (EC2 launch type: task-seconds only).</summary>
        public EstimatedCost? EstimatedCost { get; set; }

        public DeploymentWindow Copy()
        {
            var copy = (DeploymentWindow)MemberwiseClone();
            copy.EstimatedCost = EstimatedCost?.Copy();
            return copy;
        }

        public override string ToString() =>
            $"{ExtraTaskSeconds:0.###} extra task-s (starting {StartingTaskSeconds:0.###}, overlap {HealthyOverlapTaskSeconds:0.###}, draining {DrainingTaskSeconds:0.###})" +
            (EstimatedCost == null ? "" : $", {EstimatedCost}");
    }
}
