using System;
using System.Linq;
using EcsBlueGreen.Deployments;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// Renders a structured verdict into the words users read (StatusReason, error messages) and the
    /// commands to run next. The core decides; only this layer knows what the cmdlets are called.
    /// </summary>
    internal static class VerdictText
    {
        /// <summary>The reason line: who decided, ECS's words, how far the rollback got, and the evidence.</summary>
        public static string Reason(EcsDeployment d)
        {
            var v = d.Verdict;
            if (v == null || !v.IsTerminal)
            {
                return d.StatusReason ?? d.Status.ToString();
            }

            switch (v.Status)
            {
                case DeploymentStatus.Succeeded: return Succeeded(d, v);
                case DeploymentStatus.RolledBack: return RolledBack(v) + RollbackProgressText(v) + Evidence(d);
                case DeploymentStatus.Failed: return Failed(d, v) + Evidence(d);
                case DeploymentStatus.Stopped: return Stopped(d, v) + Evidence(d);
                case DeploymentStatus.AwaitingApproval: return Awaiting(d, v);
                case DeploymentStatus.TimedOut:
                    return $"Still in progress after {v.WaitedFor}. The deployment goes on; resume waiting with: {ResumeCommand(d)}";
                default: return v.Status.ToString();
            }
        }

        /// <summary>What to do next, for ErrorDetails.RecommendedAction.</summary>
        public static string RecommendedAction(EcsDeployment d)
        {
            switch (d.Verdict?.NextStep)
            {
                case NextStep.ResumeWait:
                    return $"Resume with: {ResumeCommand(d)}, or roll back with Undo-EcsDeployment.";
                case NextStep.WaitForRollback:
                    return $"ECS is going back to the last working deployment; {ResumeCommand(d)} waits for it. Look at FailedTasks and Events on the deployment object.";
                case NextStep.InspectEvidence:
                    return "ECS already went back to the last working deployment; look at FailedTasks and Events on the deployment object.";
                case NextStep.RollBack:
                    return "Look at FailedTasks and Events on the deployment object; roll back with Undo-EcsDeployment.";
                case NextStep.ApproveOrRollBack:
                    return $"Continue it with Approve-EcsDeployment or roll it back with Undo-EcsDeployment (-Cluster {d.Cluster} -Service {d.Service}), then {ResumeCommand(d)}.";
                case NextStep.CheckService:
                    return $"Check the service now: Get-EcsDeployment -Cluster {d.Cluster} -Service {d.Service}.";
                default:
                    return "Get-EcsDeployment shows which deployment the service runs now.";
            }
        }

        public static string ResumeCommand(EcsDeployment d) => $"Wait-EcsSteadyState -Cluster {d.Cluster} -Service {d.Service}";

        private static string Succeeded(EcsDeployment d, Verdict v)
        {
            var counts = v.RunningCount.HasValue && v.DesiredCount.HasValue ? $": {v.RunningCount}/{v.DesiredCount} tasks running" : "";
            if (d.Kind == DeploymentKind.Rollback)
            {
                return $"Rollback completed{counts}; the service runs {d.TaskDefinitionArn ?? "the earlier task definition"} again.";
            }

            var replacing = v.ReplacedBy == null ? "" : $"; {v.ReplacedBy} is replacing it now";
            return $"Deployment {d.DeploymentId} completed{counts}{replacing}.";
        }

        private static string Awaiting(EcsDeployment d, Verdict v)
        {
            var hook = v.Hook;
            var until = hook?.ExpiresAt == null ? "" : $" until {hook.ExpiresAt.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, when ECS applies {hook.TimeoutAction ?? "ROLLBACK"}";
            return $"ECS holds the deployment at {hook?.Stage ?? v.Stage ?? "a lifecycle stage"} on PAUSE hook {hook?.HookId}{until}. " + RecommendedAction(d);
        }

        private static string RolledBack(Verdict v) => $"Rolled back by {Who(v)}{EcsWords(v)}";

        private static string RollbackProgressText(Verdict v)
        {
            switch (v.Rollback)
            {
                case RollbackProgress.Completed: return " The rollback has completed.";
                case RollbackProgress.Failed: return " The rollback itself FAILED: check the service now.";
                case RollbackProgress.InProgress: return $" The rollback{(v.RolledBackTo == null ? "" : $" to {v.RolledBackTo}")} is in progress.";
                default: return "";
            }
        }

        private static string Failed(EcsDeployment d, Verdict v)
        {
            var breaker = v.BreakerWillRollBack
                ? " ECS has not given up yet: its circuit breaker will roll back when it trips (-RollbackOnFailure rolls back now)."
                : "";
            switch (v.Cause)
            {
                case VerdictCause.ImagePull:
                    return $"The image cannot be pulled, which retrying will not fix: {v.EcsReason}{breaker}";
                case VerdictCause.ContainerExits:
                    var codes = string.Join(", ", v.Proof.SelectMany(t => t.Containers).Where(c => c.ExitCode.HasValue && c.ExitCode != 0).Select(c => $"{c.Name} exit code {c.ExitCode}").Distinct());
                    return $"The essential container exited repeatedly ({v.Proof.Count} tasks: {codes}).{breaker}";
                case VerdictCause.HealthChecks:
                    return $"{v.Proof.Count} tasks failed ELB health checks (the circuit breaker's count is {d.CircuitBreaker.Threshold}): {v.EcsReason}{breaker}";
                case VerdictCause.ServiceMissing:
                    return $"Service {d.Service} no longer exists in cluster {d.Cluster}.";
                case VerdictCause.ObservationFailed:
                    return $"Could not observe the deployment any more: {v.ErrorCode}: {v.ErrorMessage} The deployment itself may go on; check it with Get-EcsDeployment.";
                case VerdictCause.RollbackRequest when d.Kind == DeploymentKind.Rollback:
                    return $"Rollback failed: {v.EcsReason ?? "see the service events"}";
            }

            if (v.Rollback == RollbackProgress.Failed)
            {
                return $"{RolledBack(v)} The rollback itself FAILED: the service still runs the failed deployment; check it now.";
            }

            var why = v.RollbackDisabled
                ? " Rollback is off, so the failed deployment stays beside the old one."
                : " The circuit breaker found no COMPLETED deployment to roll back to, so the failed deployment stays.";
            return $"Deployment failed ({Who(v)}){EcsWords(v)}{why}";
        }

        private static string Stopped(EcsDeployment d, Verdict v)
        {
            switch (v.Cause)
            {
                case VerdictCause.ServiceInactive:
                    return $"Service {d.Service} is {v.EcsReason}: it is being deleted.";
                case VerdictCause.NotIdentified:
                    return "The deployment this object describes was never identified; use Get-EcsDeployment to attach to the current one.";
            }

            var by = v.ReplacedBy == null
                ? "a newer deployment"
                : $"a newer deployment {v.ReplacedBy}{(v.ReplacedByTaskDefinition == null ? "" : $" ({v.ReplacedByTaskDefinition})")}";
            var kind = d.Kind == DeploymentKind.Rollback ? "Rollback" : $"Deployment {d.DeploymentId}";
            return v.EcsReason == null ? $"{kind} was replaced by {by}." : $"{kind} was stopped: {v.EcsReason}; {by} replaced it.";
        }

        private static string Who(Verdict v)
        {
            switch (v.Cause)
            {
                case VerdictCause.Alarm: return v.Alarms.Count == 0 ? "CloudWatch alarms" : $"CloudWatch alarm(s) {string.Join(", ", v.Alarms)}";
                case VerdictCause.Hook: return $"the lifecycle hook {HookName(v.Hook)}";
                case VerdictCause.HookTimeout:
                    return $"the timeout of the lifecycle hook {HookName(v.Hook)} (nobody answered it; its timeout action is {v.Hook?.TimeoutAction ?? "ROLLBACK"})";
                case VerdictCause.RollbackRequest: return "a rollback request (StopServiceDeployment, the console or another tool)";
                default: return "the deployment circuit breaker";
            }
        }

        private static string HookName(HookResult? hook)
        {
            if (hook == null)
            {
                return "";
            }

            var target = hook.TargetType == "PAUSE" ? $"PAUSE {hook.HookId}" : string.IsNullOrEmpty(hook.TargetArn) ? hook.HookId : hook.TargetArn!;
            var stage = hook.Stage == null ? "" : $" at {hook.Stage}";
            var message = string.IsNullOrEmpty(hook.Message) ? "" : $" ({hook.Message})";
            return target + stage + message;
        }

        private static string EcsWords(Verdict v) => string.IsNullOrEmpty(v.EcsReason) ? "." : $": {v.EcsReason}";

        private static string Evidence(EcsDeployment d)
        {
            if (d.FailedTasks.Count == 0)
            {
                return "";
            }

            var first = d.FailedTasks.First();
            var distinct = d.FailedTasks.Select(t => t.StoppedReason).Distinct(StringComparer.Ordinal).Count();
            return $" {d.FailedTasks.Count} failed task(s); e.g. {first}{(distinct > 1 ? $" (and {distinct - 1} other reason(s))" : "")}. Circuit breaker {d.CircuitBreaker}.";
        }
    }
}
