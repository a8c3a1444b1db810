using System;
using System.Linq;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Decides the outcome of one deployment from what ECS reports now, following the deployment by
    /// id — never "the service looks stable" and never a task-definition compare, so a
    /// force-new-deployment that was rolled back is not mistaken for a success.
    /// Pure: the same observation always gives the same verdict.
    /// </summary>
    public static class DeploymentJudge
    {
        public static Verdict Judge(EcsDeployment deployment, EcsService? service, ServiceDeployment? serviceDeployment)
        {
            if (service == null)
            {
                return new Verdict(DeploymentStatus.Failed, $"Service {deployment.Service} no longer exists in cluster {deployment.Cluster}.");
            }

            if (service.Status != "ACTIVE")
            {
                return new Verdict(DeploymentStatus.Stopped, $"Service {service.ServiceName} is {service.Status}: it is being deleted.");
            }

            if (deployment.Kind == DeploymentKind.Rollback && deployment.DeploymentId == null)
            {
                return JudgeRequestedRollback(deployment, service, serviceDeployment);
            }

            var ours = service.Deployments.FirstOrDefault(d => d.Id == deployment.DeploymentId);
            var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");

            var fromApi = serviceDeployment == null ? null : JudgeServiceDeployment(deployment, service, ours, serviceDeployment);
            if (fromApi != null)
            {
                return fromApi;
            }

            if (ours != null)
            {
                return JudgeEntry(deployment, service, ours, primary);
            }

            return JudgeGone(deployment, service, primary);
        }

        private static Verdict? JudgeServiceDeployment(EcsDeployment deployment, EcsService service, DeploymentEntry? ours, ServiceDeployment sd)
        {
            switch (sd.Status)
            {
                case "SUCCESSFUL":
                    return ours == null || IsSteady(service, ours)
                        ? new Verdict(DeploymentStatus.Succeeded, $"Deployment {deployment.DeploymentId} completed: {ours?.RunningCount ?? service.RunningCount}/{ours?.DesiredCount ?? service.DesiredCount} tasks running.")
                        : null;
                case "ROLLBACK_REQUESTED":
                case "ROLLBACK_IN_PROGRESS":
                case "ROLLBACK_SUCCESSFUL":
                    return new Verdict(DeploymentStatus.RolledBack, RollbackCause(sd), RollbackTarget(service, deployment));
                case "ROLLBACK_FAILED":
                    // Nothing was rolled back: the service is stuck on the failed deployment.
                    return new Verdict(DeploymentStatus.Failed, RollbackCause(sd) + " The rollback itself FAILED: the service still runs the failed deployment; check it now.");
                case "STOPPED":
                case "STOP_REQUESTED":
                    if (sd.CircuitBreakerStatus == "TRIGGERED" || sd.AlarmsStatus == "TRIGGERED" || ours?.RolloutState == "FAILED")
                    {
                        return new Verdict(DeploymentStatus.Failed, FailureCause(ours, sd) + " Rollback is off, so the failed deployment stays beside the old one.");
                    }

                    return new Verdict(DeploymentStatus.Stopped, $"Deployment {deployment.DeploymentId} was stopped{(sd.StatusReason == null ? "" : $": {sd.StatusReason}")}; a newer deployment replaced it.");
                default:
                    return null;
            }
        }

        private static Verdict JudgeEntry(EcsDeployment deployment, EcsService service, DeploymentEntry ours, DeploymentEntry? primary)
        {
            if (ours.RolloutState == "FAILED")
            {
                var rollingBack = primary != null && primary.Id != ours.Id && IsRollbackReason(primary.RolloutStateReason);
                if (rollingBack || HasRollbackEvent(service, ours.Id))
                {
                    return new Verdict(DeploymentStatus.RolledBack,
                        $"Rolled back by the deployment circuit breaker: {Describe(ours.RolloutStateReason)}",
                        primary?.Id != ours.Id ? primary?.Id : null);
                }

                var why = service.DeploymentConfiguration.CircuitBreakerRollback
                    ? " The circuit breaker found no COMPLETED deployment to roll back to, so the failed deployment stays."
                    : " Rollback is off, so the failed deployment stays beside the old one.";
                return new Verdict(DeploymentStatus.Failed, $"Deployment failed: {Describe(ours.RolloutStateReason)}{why}");
            }

            if (IsSteady(service, ours))
            {
                return new Verdict(DeploymentStatus.Succeeded, $"Deployment {ours.Id} completed: {ours.RunningCount}/{ours.DesiredCount} tasks running.");
            }

            if (ours.Status != "PRIMARY" && ours.RolloutState == "COMPLETED")
            {
                // It completed; a newer deployment is replacing it now, which does not undo that.
                return new Verdict(DeploymentStatus.Succeeded, $"Deployment {ours.Id} completed; {primary?.Id ?? "a newer deployment"} is replacing it now.");
            }

            if (ours.Status != "PRIMARY" && primary != null)
            {
                if (IsRollbackReason(primary.RolloutStateReason))
                {
                    return new Verdict(DeploymentStatus.RolledBack, $"Rolled back: {primary.RolloutStateReason}", primary.Id);
                }

                return new Verdict(DeploymentStatus.Stopped, $"Deployment {ours.Id} was replaced by a newer deployment {primary.Id} ({primary.TaskDefinition}).");
            }

            return Verdict.InProgress;
        }

        // Our deployment left deployments[]: what the events say about it decides.
        private static Verdict JudgeGone(EcsDeployment deployment, EcsService service, DeploymentEntry? primary)
        {
            var id = deployment.DeploymentId;
            if (id == null)
            {
                return new Verdict(DeploymentStatus.Stopped, "The deployment this object describes was never identified; use Get-EcsDeployment to attach to the current one.");
            }

            var events = service.Events;
            if (events.Any(e => e.Message.Contains($"(deployment {id}) deployment failed")))
            {
                return events.Any(e => e.Message.Contains("rolling back to deployment"))
                    ? new Verdict(DeploymentStatus.RolledBack, "Rolled back by the deployment circuit breaker: tasks failed to start.", primary?.Id)
                    : new Verdict(DeploymentStatus.Failed, "Deployment failed: tasks failed to start.");
            }

            if (events.Any(e => e.Message.Contains($"(deployment {id}) deployment completed.")))
            {
                return new Verdict(DeploymentStatus.Succeeded, $"Deployment {id} completed.");
            }

            return new Verdict(DeploymentStatus.Stopped,
                $"Deployment {id} is no longer among the service's deployments; the service now runs {primary?.Id ?? "another deployment"} ({primary?.TaskDefinition ?? service.TaskDefinition}).");
        }

        // A rollback started with StopServiceDeployment has no deployment id of its own until ECS creates
        // one; its service deployment says how it went.
        private static Verdict JudgeRequestedRollback(EcsDeployment rollback, EcsService service, ServiceDeployment? sd)
        {
            if (sd != null)
            {
                switch (sd.Status)
                {
                    case "ROLLBACK_SUCCESSFUL":
                        return new Verdict(DeploymentStatus.Succeeded, $"Rollback completed: the service runs {service.TaskDefinition} again.");
                    case "ROLLBACK_FAILED":
                        return new Verdict(DeploymentStatus.Failed, $"Rollback failed: {sd.StatusReason ?? "see the service events"}");
                    case "STOPPED":
                        return new Verdict(DeploymentStatus.Stopped, $"Rollback stopped: {sd.StatusReason ?? "a newer deployment replaced it"}");
                }

                return Verdict.InProgress;
            }

            var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
            if (primary != null && IsSteady(service, primary) && (rollback.TaskDefinitionArn == null || primary.TaskDefinition == rollback.TaskDefinitionArn))
            {
                return new Verdict(DeploymentStatus.Succeeded, $"Rollback completed: the service runs {primary.TaskDefinition} again.");
            }

            return Verdict.InProgress;
        }

        internal static bool IsSteady(EcsService service, DeploymentEntry ours) =>
            ours.Status == "PRIMARY" &&
            (ours.RolloutState == "COMPLETED" || ours.RolloutState == null) &&
            service.Deployments.Count == 1 &&
            ours.RunningCount == ours.DesiredCount;

        private static bool IsRollbackReason(string? reason) =>
            reason != null && reason.IndexOf("rolling back", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool HasRollbackEvent(EcsService service, string failedId)
        {
            // Events are newest first: a rollback message logged after our failure message counts.
            var failedAt = service.Events.FirstOrDefault(e => e.Message.Contains($"(deployment {failedId}) deployment failed"))?.CreatedAt;
            return failedAt.HasValue && service.Events.Any(e => e.CreatedAt >= failedAt && e.Message.Contains("rolling back to deployment"));
        }

        private static string RollbackCause(ServiceDeployment sd)
        {
            var who = sd.CircuitBreakerStatus == "TRIGGERED" ? "the deployment circuit breaker"
                : sd.AlarmsStatus == "TRIGGERED" ? $"CloudWatch alarm(s) {string.Join(", ", sd.TriggeredAlarmNames)}"
                : "a rollback request (StopServiceDeployment, the console or another tool)";
            var why = sd.RollbackReason ?? sd.StatusReason;
            return $"Rolled back by {who}{(why == null ? "." : $": {why}")}";
        }

        private static string FailureCause(DeploymentEntry? ours, ServiceDeployment sd)
        {
            var who = sd.AlarmsStatus == "TRIGGERED" ? $"CloudWatch alarm(s) {string.Join(", ", sd.TriggeredAlarmNames)}" : "the deployment circuit breaker";
            return $"Deployment failed ({who}): {Describe(ours?.RolloutStateReason ?? sd.StatusReason)}";
        }

        private static string? RollbackTarget(EcsService service, EcsDeployment deployment)
        {
            var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
            return primary != null && primary.Id != deployment.DeploymentId ? primary.Id : null;
        }

        private static string Describe(string? reason) => string.IsNullOrEmpty(reason) ? "(ECS gave no reason)." : reason!;
    }
}
