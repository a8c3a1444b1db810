using System.Collections.Generic;

namespace EcsBlueGreen.Deployments
{
    /// <summary>What Start-EcsRollingDeployment was asked to do.</summary>
    public sealed class StartDeploymentRequest
    {
        public string Cluster { get; set; } = "";
        public string Service { get; set; } = "";
        /// <summary>Swap this image into the current task definition.</summary>
        public string? Image { get; set; }
        public string? ContainerName { get; set; }
        /// <summary>Deploy this task definition (family:revision or ARN) as it is.</summary>
        public string? TaskDefinition { get; set; }
        /// <summary>Restart the service's tasks on the same task definition.</summary>
        public bool ForceNewDeployment { get; set; }
        public IReadOnlyDictionary<string, string?>? Environment { get; set; }
        public int? DesiredCount { get; set; }
        /// <summary>Start even though another deployment is in progress.</summary>
        public bool Force { get; set; }
        /// <summary>Deploy an image of the account's own ECR without checking that the tag or digest is there.</summary>
        public bool SkipImageCheck { get; set; }
        /// <summary>The region the connection goes to: an ARN of another region is refused before any call.</summary>
        public string? Region { get; set; }
        /// <summary>Strategy, bake times, steps and PAUSE hooks for this deployment; empty keeps the service's.</summary>
        public StrategySettings Strategy { get; set; } = new StrategySettings();
    }
}
