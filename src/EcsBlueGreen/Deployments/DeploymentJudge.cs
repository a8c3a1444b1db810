using System;
using System.Collections.Generic;
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
        public static Verdict Judge(EcsDeployment deployment, EcsService? service, ServiceDeployment? serviceDeployment) =>
            Judge(deployment, service, serviceDeployment, null);

        /// <param name="knownHookStages">For native deployments: hook id → the stage the wait saw the run begin at.</param>
        public static Verdict Judge(EcsDeployment deployment, EcsService? service, ServiceDeployment? serviceDeployment, IReadOnlyDictionary<string, string>? knownHookStages)
        {
            if (service == null)
            {
                return new Verdict(DeploymentStatus.Failed, VerdictCause.ServiceMissing);
            }

            if (!service.IsActive)
            {
                return new Verdict(DeploymentStatus.Stopped, VerdictCause.ServiceInactive) { EcsReason = service.Status };
            }

            if (deployment.Kind == DeploymentKind.Rollback && deployment.DeploymentId == null)
            {
                return JudgeRequestedRollback(deployment, service, serviceDeployment);
            }

            if (serviceDeployment != null && NativeJudge.IsNative(service, serviceDeployment) &&
                NativeJudge.Judge(service, serviceDeployment, knownHookStages) is Verdict native)
            {
                return native.Status == DeploymentStatus.RolledBack ? native.With(v => v.RolledBackTo = RollbackTarget(service, deployment)) : native;
            }

            var ours = service.Deployment(deployment.DeploymentId);
            var fromApi = serviceDeployment == null ? null : JudgeServiceDeployment(deployment, service, ours, serviceDeployment);
            if (fromApi != null)
            {
                return fromApi;
            }

            return ours != null ? JudgeEntry(service, ours) : JudgeGone(deployment, service);
        }

        /// <summary>Ours is PRIMARY, COMPLETED (or pre-circuit-breaker), alone, and fully running.</summary>
        internal static bool IsSteady(EcsService service, DeploymentEntry ours) =>
            ours.IsPrimary &&
            (ours.RolloutState == RolloutState.Completed || ours.RolloutState == null) &&
            service.Deployments.Count == 1 &&
            ours.RunningCount == ours.DesiredCount;

        private static Verdict? JudgeServiceDeployment(EcsDeployment deployment, EcsService service, DeploymentEntry? ours, ServiceDeployment sd)
        {
            switch (sd.State)
            {
                case ServiceDeploymentState.Successful:
                    return ours == null || IsSteady(service, ours) ? Completed(ours?.RunningCount ?? service.RunningCount, ours?.DesiredCount ?? service.DesiredCount) : null;
                case ServiceDeploymentState.RollbackRequested:
                case ServiceDeploymentState.RollbackInProgress:
                case ServiceDeploymentState.RollbackSuccessful:
                    return new Verdict(DeploymentStatus.RolledBack, RollbackCause(sd))
                    {
                        EcsReason = sd.RollbackReason ?? sd.StatusReason,
                        Alarms = sd.TriggeredAlarmNames,
                        RolledBackTo = RollbackTarget(service, deployment),
                        Rollback = RollbackProgressOf(service, sd),
                    };
                case ServiceDeploymentState.RollbackFailed:
                    // Nothing was rolled back: the service is stuck on the failed deployment.
                    return new Verdict(DeploymentStatus.Failed, RollbackCause(sd))
                    {
                        EcsReason = sd.RollbackReason ?? sd.StatusReason,
                        Alarms = sd.TriggeredAlarmNames,
                        Rollback = RollbackProgress.Failed,
                    };
                case ServiceDeploymentState.Stopped:
                case ServiceDeploymentState.StopRequested:
                    if (sd.CircuitBreakerTriggered || sd.AlarmsTriggered || ours?.RolloutState == RolloutState.Failed)
                    {
                        return new Verdict(DeploymentStatus.Failed, sd.AlarmsTriggered ? VerdictCause.Alarm : VerdictCause.CircuitBreaker)
                        {
                            EcsReason = ours?.RolloutStateReason ?? sd.StatusReason,
                            Alarms = sd.TriggeredAlarmNames,
                            RollbackDisabled = true,
                        };
                    }

                    var primary = service.Primary;
                    return new Verdict(DeploymentStatus.Stopped, VerdictCause.NewerDeployment)
                    {
                        EcsReason = sd.StatusReason,
                        ReplacedBy = primary?.Id != deployment.DeploymentId ? primary?.Id : null,
                        ReplacedByTaskDefinition = primary?.Id != deployment.DeploymentId ? primary?.TaskDefinition : null,
                    };
                default:
                    return null;
            }
        }

        private static Verdict JudgeEntry(EcsService service, DeploymentEntry ours)
        {
            var primary = service.Primary;
            if (ours.RolloutState == RolloutState.Failed)
            {
                var rollingBack = primary != null && primary.Id != ours.Id && primary.IsRollbackTarget;
                if (rollingBack || HasRollbackEvent(service, ours.Id))
                {
                    return new Verdict(DeploymentStatus.RolledBack, VerdictCause.CircuitBreaker)
                    {
                        EcsReason = ours.RolloutStateReason,
                        RolledBackTo = RollbackTarget(service, ours.Id),
                        Rollback = RollbackProgressOf(service, null),
                    };
                }

                // Without rollback, or with no COMPLETED deployment to go back to, the failed one stays.
                return new Verdict(DeploymentStatus.Failed, VerdictCause.CircuitBreaker)
                {
                    EcsReason = ours.RolloutStateReason,
                    RollbackDisabled = !service.DeploymentConfiguration.CircuitBreakerRollback,
                };
            }

            if (IsSteady(service, ours))
            {
                return Completed(ours.RunningCount, ours.DesiredCount);
            }

            if (!ours.IsPrimary && ours.RolloutState == RolloutState.Completed)
            {
                // It completed; a newer deployment is replacing it now, which does not undo that.
                return Completed(ours.RunningCount, ours.DesiredCount).With(v => v.ReplacedBy = primary?.Id);
            }

            if (!ours.IsPrimary && primary != null)
            {
                if (primary.IsRollbackTarget)
                {
                    return new Verdict(DeploymentStatus.RolledBack, VerdictCause.RollbackRequest)
                    {
                        EcsReason = primary.RolloutStateReason,
                        RolledBackTo = primary.Id,
                        Rollback = RollbackProgressOf(service, null),
                    };
                }

                return new Verdict(DeploymentStatus.Stopped, VerdictCause.NewerDeployment) { ReplacedBy = primary.Id, ReplacedByTaskDefinition = primary.TaskDefinition };
            }

            return Verdict.InProgress;
        }

        // Our deployment left deployments[]: what the events say about it decides.
        private static Verdict JudgeGone(EcsDeployment deployment, EcsService service)
        {
            var id = deployment.DeploymentId;
            if (id == null)
            {
                return new Verdict(DeploymentStatus.Stopped, VerdictCause.NotIdentified);
            }

            var primary = service.Primary;
            var events = service.Events;
            if (events.Any(e => e.Message.Contains($"(deployment {id}) deployment failed")))
            {
                return events.Any(e => RollbackWording.SaysRollingBack(e.Message))
                    ? new Verdict(DeploymentStatus.RolledBack, VerdictCause.CircuitBreaker)
                    {
                        EcsReason = "tasks failed to start.",
                        RolledBackTo = primary?.Id,
                        Rollback = RollbackProgressOf(service, null),
                    }
                    : new Verdict(DeploymentStatus.Failed, VerdictCause.CircuitBreaker) { EcsReason = "tasks failed to start." };
            }

            if (events.Any(e => e.Message.Contains($"(deployment {id}) deployment completed.")))
            {
                return Completed(null, null);
            }

            return new Verdict(DeploymentStatus.Stopped, VerdictCause.NewerDeployment)
            {
                ReplacedBy = primary?.Id,
                ReplacedByTaskDefinition = primary?.TaskDefinition ?? service.TaskDefinition,
            };
        }

        // A rollback started with StopServiceDeployment has no deployment id of its own until ECS creates
        // one; its service deployment says how it went.
        private static Verdict JudgeRequestedRollback(EcsDeployment rollback, EcsService service, ServiceDeployment? sd)
        {
            var primary = service.Primary;
            if (sd != null)
            {
                switch (sd.State)
                {
                    case ServiceDeploymentState.RollbackSuccessful:
                        return Completed(primary?.RunningCount, primary?.DesiredCount);
                    case ServiceDeploymentState.RollbackFailed:
                        return new Verdict(DeploymentStatus.Failed, VerdictCause.RollbackRequest) { EcsReason = sd.StatusReason, Rollback = RollbackProgress.Failed };
                    case ServiceDeploymentState.Stopped:
                        return new Verdict(DeploymentStatus.Stopped, VerdictCause.NewerDeployment) { EcsReason = sd.StatusReason, ReplacedBy = primary?.Id };
                }

                return Verdict.InProgress;
            }

            if (primary != null && IsSteady(service, primary) && (rollback.TaskDefinitionArn == null || primary.TaskDefinition == rollback.TaskDefinitionArn))
            {
                return Completed(primary.RunningCount, primary.DesiredCount);
            }

            return Verdict.InProgress;
        }

        private static Verdict Completed(int? running, int? desired) =>
            new Verdict(DeploymentStatus.Succeeded, VerdictCause.Completed) { RunningCount = running, DesiredCount = desired };

        // The verdict comes when ECS decides to roll back; whether that rollback has finished yet.
        private static RollbackProgress RollbackProgressOf(EcsService service, ServiceDeployment? sd)
        {
            if (sd?.State == ServiceDeploymentState.RollbackSuccessful)
            {
                return RollbackProgress.Completed;
            }

            if (sd?.State == ServiceDeploymentState.RollbackFailed)
            {
                return RollbackProgress.Failed;
            }

            var primary = service.Primary;
            return primary != null && IsSteady(service, primary) ? RollbackProgress.Completed : RollbackProgress.InProgress;
        }

        private static bool HasRollbackEvent(EcsService service, string failedId)
        {
            // Events are newest first: a rollback message logged after our failure message counts.
            var failedAt = service.Events.FirstOrDefault(e => e.Message.Contains($"(deployment {failedId}) deployment failed"))?.CreatedAt;
            return failedAt.HasValue && service.Events.Any(e => e.CreatedAt >= failedAt && RollbackWording.SaysRollingBack(e.Message));
        }

        private static VerdictCause RollbackCause(ServiceDeployment sd) =>
            sd.CircuitBreakerTriggered ? VerdictCause.CircuitBreaker
            : sd.AlarmsTriggered ? VerdictCause.Alarm
            : VerdictCause.RollbackRequest;

        // The PRIMARY once ECS has switched back. A DescribeServices answer a moment older than the
        // service-deployments answer (a fleet's batched calls come seconds apart under latency and
        // retries) can still show ours PRIMARY: ECS rolls back to the newest COMPLETED deployment, which
        // that answer lists beside ours.
        private static string? RollbackTarget(EcsService service, EcsDeployment deployment) => RollbackTarget(service, deployment.DeploymentId);

        private static string? RollbackTarget(EcsService service, string? ours)
        {
            var primary = service.Primary;
            if (primary != null && primary.Id != ours)
            {
                return primary.Id;
            }

            return service.Deployments
                .Where(e => e.Id != ours && e.RolloutState == RolloutState.Completed)
                .OrderByDescending(e => e.CreatedAt ?? DateTimeOffset.MinValue)
                .FirstOrDefault()?.Id;
        }
    }
}
