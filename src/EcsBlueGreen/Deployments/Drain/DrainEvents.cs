using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EcsBlueGreen.Deployments.Drain
{
    /// <summary>The service events that mark the phases of a rolling update's tail (ECS's own wording).</summary>
    internal static class DrainEvents
    {
        private static readonly Regex Deregistered = new Regex(@"deregistered \d+ targets? in \(target-group (?<arn>[^)]+)\)", RegexOptions.CultureInvariant);
        private static readonly Regex StoppedRunning = new Regex(@"has stopped \d+ running tasks?", RegexOptions.CultureInvariant);

        /// <summary>The first deregistration event per target group, at or after the deployment's start.</summary>
        public static IReadOnlyDictionary<string, DateTimeOffset> DeregistrationsByGroup(IEnumerable<ServiceEventRecord> events, DateTimeOffset? since)
        {
            var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var e in events.Where(e => since == null || e.CreatedAt >= since).OrderBy(e => e.CreatedAt))
            {
                var m = Deregistered.Match(e.Message);
                if (m.Success && !result.ContainsKey(m.Groups["arn"].Value))
                {
                    result[m.Groups["arn"].Value] = e.CreatedAt;
                }
            }

            return result;
        }

        /// <summary>The latest deregistration event at or after the deployment's start, in any target group.</summary>
        public static DateTimeOffset? LatestDeregistration(IEnumerable<ServiceEventRecord> events, DateTimeOffset? since) =>
            events.Where(e => (since == null || e.CreatedAt >= since) && Deregistered.IsMatch(e.Message))
                .Select(e => (DateTimeOffset?)e.CreatedAt).OrderByDescending(t => t).FirstOrDefault();

        /// <summary>When ECS first stopped running old tasks: the new ones were healthy.</summary>
        public static DateTimeOffset? FirstStopOfRunningTasks(IEnumerable<ServiceEventRecord> events, DateTimeOffset? since) =>
            events.Where(e => (since == null || e.CreatedAt >= since) && StoppedRunning.IsMatch(e.Message))
                .Select(e => (DateTimeOffset?)e.CreatedAt).OrderBy(t => t).FirstOrDefault();

        /// <summary>The deployment's completion (or steady state) event at or after a time.</summary>
        public static DateTimeOffset? Completion(IEnumerable<ServiceEventRecord> events, DateTimeOffset after) =>
            events.Where(e => e.CreatedAt >= after &&
                              (e.Message.IndexOf("deployment completed", StringComparison.Ordinal) >= 0 ||
                               e.Message.IndexOf("has reached a steady state", StringComparison.Ordinal) >= 0))
                .Select(e => (DateTimeOffset?)e.CreatedAt).OrderBy(t => t).FirstOrDefault();
    }
}
