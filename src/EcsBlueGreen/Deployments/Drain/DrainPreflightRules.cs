using System;
using System.Collections.Generic;
using System.Globalization;

namespace EcsBlueGreen.Deployments.Drain
{
    /// <summary>
    /// Pre-flight warnings about the tail of a rolling update, from one target group's settings and
    /// the service's task definition. Words only: nothing here changes a target group.
    /// </summary>
    public static class DrainPreflightRules
    {
        /// <summary>Health checks that take longer than this before a new task counts are slow.</summary>
        public static readonly TimeSpan SlowHealthy = TimeSpan.FromMinutes(1);

        /// <summary>A deregistration delay beyond this (and beyond the time to healthy) is long.</summary>
        public static readonly TimeSpan LongDelay = TimeSpan.FromMinutes(1);

        public static TimeSpan TimeToHealthy(int intervalSeconds, int healthyThreshold) => TimeSpan.FromSeconds((long)intervalSeconds * healthyThreshold);

        public static bool IsLongDelay(TimeSpan delay, TimeSpan timeToHealthy) => delay > LongDelay && delay > timeToHealthy;

        /// <param name="targetGroupName">For the message.</param>
        /// <param name="delay">deregistration_delay.timeout_seconds.</param>
        /// <param name="intervalSeconds">HealthCheckIntervalSeconds.</param>
        /// <param name="healthyThreshold">HealthyThresholdCount.</param>
        /// <param name="desiredCount">Tasks replaced per deployment.</param>
        /// <param name="containerWithoutStopTimeout">The essential container when it leaves stopTimeout at ECS's default, else null.</param>
        public static IEnumerable<string> Warnings(string targetGroupName, TimeSpan? delay, int? intervalSeconds, int? healthyThreshold, int desiredCount, string? containerWithoutStopTimeout)
        {
            var healthy = intervalSeconds.HasValue && healthyThreshold.HasValue ? TimeToHealthy(intervalSeconds.Value, healthyThreshold.Value) : (TimeSpan?)null;
            if (delay.HasValue && IsLongDelay(delay.Value, healthy ?? TimeSpan.Zero))
            {
                var healthyText = healthy.HasValue
                    ? string.Format(CultureInfo.InvariantCulture, " while its targets become healthy in {0:0} s (health check every {1} s x {2})", healthy.Value.TotalSeconds, intervalSeconds, healthyThreshold)
                    : "";
                yield return string.Format(CultureInfo.InvariantCulture,
                    "Target group {0} has a deregistration delay of {1:0} s{2}: every deployment adds up to {1:0} s of draining, {3:0} extra task-seconds for {4} task{5}. If the application's requests are short, lower deregistration_delay.timeout_seconds (e.g. to 30 s).",
                    targetGroupName, delay.Value.TotalSeconds, healthyText, delay.Value.TotalSeconds * desiredCount, desiredCount, desiredCount == 1 ? "" : "s");

                if (containerWithoutStopTimeout != null)
                {
                    yield return string.Format(CultureInfo.InvariantCulture,
                        "Container {0} leaves stopTimeout at its 30 s default while target group {1} drains for {2:0} s: an application that ignores SIGTERM is killed (exit code 137) 30 s after the drain. Set stopTimeout to the time it needs to finish after SIGTERM.",
                        containerWithoutStopTimeout, targetGroupName, delay.Value.TotalSeconds);
                }
            }

            if (healthy.HasValue && healthy.Value > SlowHealthy)
            {
                yield return string.Format(CultureInfo.InvariantCulture,
                    "Target group {0} needs {1:0} s of passing health checks (every {2} s x healthy threshold {3}) before a new task counts as healthy: every deployment waits at least that long. Lower HealthCheckIntervalSeconds or HealthyThresholdCount.",
                    targetGroupName, healthy.Value.TotalSeconds, intervalSeconds, healthyThreshold);
            }
        }
    }
}
