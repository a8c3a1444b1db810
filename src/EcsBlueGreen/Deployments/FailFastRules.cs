using System;
using System.Collections.Generic;
using System.Linq;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Causes that retrying will not heal, so waiting for the circuit breaker only wastes minutes:
    /// an image that cannot be pulled, an essential container that keeps exiting, ELB health checks
    /// failing as often as the circuit breaker would tolerate.
    /// </summary>
    public static class FailFastRules
    {
        public static Verdict Check(IReadOnlyList<StoppedTaskInfo> stoppedTasks, int circuitBreakerThreshold)
        {
            var failed = stoppedTasks.Where(t => t.IsFailure).ToList();
            var pull = failed.Where(t => t.IsImagePullFailure).ToList();
            if (pull.Count > 0)
            {
                return new Verdict(DeploymentStatus.Failed, VerdictCause.ImagePull) { Proof = pull, EcsReason = pull[0].StoppedReason };
            }

            var exited = failed.Where(t => t.StopCode == StoppedTaskInfo.EssentialContainerExited && t.Containers.Any(c => c.ExitCode.HasValue && c.ExitCode != 0)).ToList();
            if (exited.Count >= 2)
            {
                return new Verdict(DeploymentStatus.Failed, VerdictCause.ContainerExits) { Proof = exited, EcsReason = exited[0].StoppedReason };
            }

            var unhealthy = failed.Where(t => t.StoppedReason != null && t.StoppedReason.IndexOf("ELB health checks", StringComparison.OrdinalIgnoreCase) >= 0).ToList();
            if (unhealthy.Count >= Math.Max(1, circuitBreakerThreshold))
            {
                return new Verdict(DeploymentStatus.Failed, VerdictCause.HealthChecks) { Proof = unhealthy, EcsReason = unhealthy[0].StoppedReason };
            }

            return Verdict.InProgress;
        }
    }
}
