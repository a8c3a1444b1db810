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
            var pull = failed.FirstOrDefault(t => t.StoppedReason != null && t.StoppedReason.StartsWith("CannotPullContainerError", StringComparison.Ordinal));
            if (pull != null)
            {
                return new Verdict(DeploymentStatus.Failed, $"The image cannot be pulled, which retrying will not fix: {pull.StoppedReason}");
            }

            var exited = failed.Where(t => t.StopCode == "EssentialContainerExited" && t.Containers.Any(c => c.ExitCode.HasValue && c.ExitCode != 0)).ToList();
            if (exited.Count >= 2)
            {
                var codes = string.Join(", ", exited.SelectMany(t => t.Containers).Where(c => c.ExitCode.HasValue && c.ExitCode != 0).Select(c => $"{c.Name} exit code {c.ExitCode}").Distinct());
                return new Verdict(DeploymentStatus.Failed, $"The essential container exited repeatedly ({exited.Count} tasks: {codes}).");
            }

            var unhealthy = failed.Where(t => t.StoppedReason != null && t.StoppedReason.IndexOf("ELB health checks", StringComparison.OrdinalIgnoreCase) >= 0).ToList();
            if (unhealthy.Count >= Math.Max(1, circuitBreakerThreshold))
            {
                return new Verdict(DeploymentStatus.Failed, $"{unhealthy.Count} tasks failed ELB health checks (the circuit breaker's count is {circuitBreakerThreshold}): {unhealthy[0].StoppedReason}");
            }

            return Verdict.InProgress;
        }
    }
}
