using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// The verdict of a BLUE_GREEN, LINEAR or CANARY deployment from its service deployment: it
    /// succeeds only when ECS says SUCCESSFUL (after CLEAN_UP), never when deployments[] looks steady
    /// mid-bake; a rollback names who ended it — a hook at its stage, a paused hook's timeout, an
    /// alarm, the circuit breaker or a user's rollback. A deployment waiting on a PAUSE hook is
    /// AwaitingApproval. Pure: the same observation always gives the same verdict.
    /// </summary>
    public static class NativeJudge
    {
        public static bool IsNative(EcsService? service, ServiceDeployment? sd) =>
            DeploymentStrategies.ShiftsTraffic(sd?.DeploymentConfiguration?.Strategy ?? service?.DeploymentConfiguration.Strategy);

        /// <param name="knownStages">Hook id → stage, as the wait saw each run begin (the reported stage may have moved since).</param>
        /// <returns>Null when the state is not one this judge decides (STOPPED and its kin are judged as for rolling).</returns>
        public static Verdict? Judge(EcsService service, ServiceDeployment sd, IReadOnlyDictionary<string, string>? knownStages = null)
        {
            switch (sd.State)
            {
                case ServiceDeploymentState.Successful:
                    return new Verdict(DeploymentStatus.Succeeded, VerdictCause.Completed)
                    {
                        RunningCount = sd.TargetRunningTaskCount,
                        DesiredCount = sd.TargetRequestedTaskCount,
                        Stage = sd.LifecycleStage,
                    };
                case ServiceDeploymentState.RollbackRequested:
                case ServiceDeploymentState.RollbackInProgress:
                case ServiceDeploymentState.RollbackSuccessful:
                    return Ended(DeploymentStatus.RolledBack, service, sd, knownStages)
                        .With(v => v.Rollback = sd.State == ServiceDeploymentState.RollbackSuccessful ? RollbackProgress.Completed : RollbackProgress.InProgress);
                case ServiceDeploymentState.RollbackFailed:
                    return Ended(DeploymentStatus.Failed, service, sd, knownStages).With(v => v.Rollback = RollbackProgress.Failed);
                case ServiceDeploymentState.Pending:
                case ServiceDeploymentState.InProgress:
                    var waiting = sd.LifecycleHookDetails.LastOrDefault(h => h.IsPause && h.IsAwaitingAction);
                    if (waiting == null)
                    {
                        return Verdict.InProgress;
                    }

                    return new Verdict(DeploymentStatus.AwaitingApproval, VerdictCause.Hook)
                    {
                        Hook = ResultOf(waiting, sd, service, knownStages),
                        Stage = sd.LifecycleStage,
                    };
                default:
                    return null;
            }
        }

        public static HookResult ResultOf(LifecycleHookDetail run, ServiceDeployment sd, EcsService? service, IReadOnlyDictionary<string, string>? knownStages)
        {
            string? stage = null;
            if (knownStages == null || !knownStages.TryGetValue(run.HookId, out stage))
            {
                stage = HookStages.StageOf(run, sd.LifecycleStage, ConfiguredHooks(sd, service));
            }

            return new HookResult
            {
                HookId = run.HookId,
                TargetType = run.TargetType,
                TargetArn = run.TargetArn,
                Stage = stage,
                Status = run.Status,
                ExpiresAt = run.ExpiresAt,
                TimeoutAction = run.TimeoutAction,
            };
        }

        public static IReadOnlyList<DeploymentLifecycleHook> ConfiguredHooks(ServiceDeployment sd, EcsService? service) =>
            sd.DeploymentConfiguration?.LifecycleHooks is { Count: > 0 } own ? own : service?.DeploymentConfiguration.LifecycleHooks ?? new List<DeploymentLifecycleHook>();

        // Only one of them can have ended the deployment; a hook that failed or expired is named before
        // alarms and the breaker because ECS stops at the first of them.
        private static Verdict Ended(DeploymentStatus status, EcsService service, ServiceDeployment sd, IReadOnlyDictionary<string, string>? knownStages)
        {
            var failed = sd.LifecycleHookDetails.LastOrDefault(h => h.Status == LifecycleHookValues.Failed);
            var expired = sd.LifecycleHookDetails.LastOrDefault(h => h.Status == LifecycleHookValues.TimedOut &&
                                                                    (!h.IsPause || h.TimeoutAction != LifecycleHookValues.Continue));
            VerdictCause cause;
            HookResult? hook = null;
            if (failed != null)
            {
                cause = VerdictCause.Hook;
                hook = ResultOf(failed, sd, service, knownStages);
            }
            else if (expired != null)
            {
                cause = VerdictCause.HookTimeout;
                hook = ResultOf(expired, sd, service, knownStages);
            }
            else if (sd.AlarmsTriggered)
            {
                cause = VerdictCause.Alarm;
            }
            else if (sd.CircuitBreakerTriggered)
            {
                cause = VerdictCause.CircuitBreaker;
            }
            else
            {
                cause = VerdictCause.RollbackRequest;
            }

            return new Verdict(status, cause)
            {
                EcsReason = sd.RollbackReason ?? sd.StatusReason,
                Alarms = sd.TriggeredAlarmNames,
                Hook = hook,
                Stage = hook?.Stage ?? sd.LifecycleStage,
            };
        }
    }
}
