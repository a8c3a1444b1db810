using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EcsBlueGreen.Deployments.Drain
{
    /// <summary>
    /// When a drain is overdue and what most likely holds it. A drain should end within the
    /// deregistration delay plus the stopTimeout plus a margin for the agent; past that, the order
    /// of the checks is the order of likelihood the module can see: protection blocks the stop
    /// outright, stuck tasks sit after the drain, and draining targets are long-lived connections.
    /// </summary>
    public static class DrainHoldupRules
    {
        public static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

        public static TimeSpan Allowance(TimeSpan deregistrationDelay, TimeSpan stopTimeout) => deregistrationDelay + stopTimeout + Margin;

        public static bool IsOverdue(TimeSpan elapsed, TimeSpan deregistrationDelay, TimeSpan stopTimeout) =>
            elapsed > Allowance(deregistrationDelay, stopTimeout);

        /// <summary>Overdue at <paramref name="awsNow"/>, both times on AWS's clock (the drain starts at ECS's deregistration event).</summary>
        public static bool IsOverdue(DateTimeOffset drainStart, DateTimeOffset awsNow, TimeSpan deregistrationDelay, TimeSpan stopTimeout) =>
            IsOverdue(awsNow - drainStart, deregistrationDelay, stopTimeout);

        /// <param name="protectedTasks">Old tasks with scale-in protection on.</param>
        /// <param name="stuckTasks">Old tasks in DEACTIVATING or STOPPING, with that status.</param>
        /// <param name="drainingTargets">Targets still draining (id:port).</param>
        /// <param name="runningOldTasks">Old tasks still RUNNING.</param>
        public static DrainHoldup? Explain(IReadOnlyList<string> protectedTasks, IReadOnlyList<(string TaskId, string Status)> stuckTasks,
            IReadOnlyList<string> drainingTargets, IReadOnlyList<string> runningOldTasks, TimeSpan? deregistrationDelay)
        {
            if (protectedTasks.Count > 0)
            {
                return new DrainHoldup
                {
                    Cause = DrainHoldupCause.TaskProtection,
                    Evidence = protectedTasks,
                    Message = $"{Count(protectedTasks.Count, "old task")} with scale-in protection {(protectedTasks.Count == 1 ? "holds" : "hold")} the deployment ({string.Join(", ", protectedTasks.Select(t => "task " + t))}): " +
                              "ECS does not stop a protected task; lift it (UpdateTaskProtection -ProtectionEnabled false) or let it expire.",
                };
            }

            if (drainingTargets.Count > 0)
            {
                var delay = deregistrationDelay.HasValue ? string.Format(CultureInfo.InvariantCulture, " beyond the {0:0} s deregistration delay", deregistrationDelay.Value.TotalSeconds) : "";
                return new DrainHoldup
                {
                    Cause = DrainHoldupCause.TargetsStillDraining,
                    Evidence = drainingTargets,
                    Message = $"{Count(drainingTargets.Count, "target")} still draining{delay} ({string.Join(", ", drainingTargets)}): long-lived connections keep them until the delay ends.",
                };
            }

            if (stuckTasks.Count > 0)
            {
                return new DrainHoldup
                {
                    Cause = DrainHoldupCause.TasksStuckStopping,
                    Evidence = stuckTasks.Select(t => t.TaskId).ToList(),
                    Message = $"{Count(stuckTasks.Count, "old task")} stuck stopping ({string.Join(", ", stuckTasks.Select(t => $"task {t.TaskId} {t.Status}"))}): the agent has not finished stopping them.",
                };
            }

            if (runningOldTasks.Count > 0)
            {
                return new DrainHoldup
                {
                    Cause = DrainHoldupCause.Unknown,
                    Evidence = runningOldTasks,
                    Message = $"{Count(runningOldTasks.Count, "old task")} still running ({string.Join(", ", runningOldTasks.Select(t => "task " + t))}) without protection or draining targets: look at the service events.",
                };
            }

            return null;
        }

        private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
    }
}
