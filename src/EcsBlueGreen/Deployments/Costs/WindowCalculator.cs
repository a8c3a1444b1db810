using System;
using System.Collections.Generic;
using System.Linq;

namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>
    /// Integrates the number of tasks alive above the desired count over the deployment's window.
    /// Pure arithmetic on AWS timestamps, so one set of tasks always gives the same seconds.
    /// </summary>
    public static class WindowCalculator
    {
        /// <param name="spans">New and old tasks; tasks alive over [Start, Stop).</param>
        /// <param name="desiredCount">The service's desired count.</param>
        /// <param name="oldStopsBegan">When ECS first stopped an old task (the new ones were healthy): the end of "starting".</param>
        /// <param name="drainStart">When old targets were deregistered: the start of "draining".</param>
        /// <returns>Null when the window is not closed: no new task started, or an old task has no stop yet.</returns>
        public static DeploymentWindow? Compute(IReadOnlyList<TaskSpan> spans, int desiredCount, DateTimeOffset? oldStopsBegan, DateTimeOffset? drainStart)
        {
            var fresh = spans.Where(s => s.IsNew).ToList();
            var old = spans.Where(s => !s.IsNew).ToList();
            if (fresh.Count == 0 || old.Count == 0 || old.Any(s => s.Stop == null))
            {
                return null;
            }

            var start = fresh.Min(s => s.Start);
            var end = old.Max(s => s.Stop!.Value);
            if (end <= start)
            {
                return null;
            }

            // Phase bounds, kept inside the window and in order.
            var healthy = Clamp(oldStopsBegan ?? drainStart ?? end, start, end);
            var draining = Clamp(drainStart ?? healthy, healthy, end);

            var cuts = new SortedSet<DateTimeOffset> { start, end, healthy, draining };
            foreach (var s in spans)
            {
                if (s.Start > start && s.Start < end) cuts.Add(s.Start);
                if (s.Stop is { } stop && stop > start && stop < end) cuts.Add(stop);
            }

            var window = new DeploymentWindow { Start = start, End = end, DesiredCount = desiredCount };
            var points = cuts.ToList();
            for (var i = 0; i + 1 < points.Count; i++)
            {
                var from = points[i];
                var to = points[i + 1];
                var alive = spans.Count(s => s.Start <= from && (s.Stop == null || s.Stop.Value >= to));
                var extra = Math.Max(0, alive - desiredCount) * (to - from).TotalSeconds;
                if (extra == 0) continue;
                if (from < healthy) window.StartingTaskSeconds += extra;
                else if (from < draining) window.HealthyOverlapTaskSeconds += extra;
                else window.DrainingTaskSeconds += extra;
            }

            window.ExtraTaskSeconds = window.StartingTaskSeconds + window.HealthyOverlapTaskSeconds + window.DrainingTaskSeconds;
            return window;
        }

        private static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset low, DateTimeOffset high) =>
            value < low ? low : value > high ? high : value;
    }
}
