using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// What one observation says about a deployment, as data: the status, who or what decided it, how
    /// far ECS's rollback has got, ECS's own words and the evidence. No sentences: the PowerShell layer
    /// renders them (and the commands to run next), so the core never names a cmdlet.
    /// </summary>
    public sealed class Verdict
    {
        public static readonly Verdict InProgress = new Verdict(DeploymentStatus.InProgress, VerdictCause.None);

        internal Verdict(DeploymentStatus status, VerdictCause cause)
        {
            Status = status;
            Cause = cause;
        }

        public DeploymentStatus Status { get; }

        public VerdictCause Cause { get; }

        /// <summary>For RolledBack (and a Failed whose rollback failed): how far ECS's rollback has got.</summary>
        public RollbackProgress Rollback { get; internal set; } = RollbackProgress.None;

        /// <summary>The deployment ECS went back to, when known.</summary>
        public string? RolledBackTo { get; internal set; }

        /// <summary>The deployment that replaced ours (Stopped by a newer deployment), and what it runs.</summary>
        public string? ReplacedBy { get; internal set; }

        public string? ReplacedByTaskDefinition { get; internal set; }

        /// <summary>ECS's own explanation (rolloutStateReason, statusReason, the rollback reason), verbatim.</summary>
        public string? EcsReason { get; internal set; }

        /// <summary>The CloudWatch alarms that triggered, for Cause = Alarm.</summary>
        public IReadOnlyList<string> Alarms { get; internal set; } = Array.Empty<string>();

        /// <summary>Whether the circuit breaker would roll back later (a -FailFast verdict comes first).</summary>
        public bool BreakerWillRollBack { get; internal set; }

        /// <summary>Whether rollback was switched off, so a failed deployment stays beside the old one.</summary>
        public bool RollbackDisabled { get; internal set; }

        /// <summary>Tasks running and desired when a deployment completed.</summary>
        public int? RunningCount { get; internal set; }

        public int? DesiredCount { get; internal set; }

        /// <summary>For fail-fast verdicts: the stopped tasks that prove the cause.</summary>
        public IReadOnlyList<StoppedTaskInfo> Proof { get; internal set; } = Array.Empty<StoppedTaskInfo>();

        /// <summary>For Cause = ObservationFailed: the AWS error code (or "configuration") and message.</summary>
        public string? ErrorCode { get; internal set; }

        public string? ErrorMessage { get; internal set; }

        /// <summary>For Cause = Hook or HookTimeout, and AwaitingApproval: the hook run that decided (or waits).</summary>
        public HookResult? Hook { get; internal set; }

        /// <summary>For native deployments: the lifecycle stage it ended (or waits) in, ECS spelling.</summary>
        public string? Stage { get; internal set; }

        /// <summary>For Cause = Timeout: how long the wait lasted.</summary>
        public TimeSpan? WaitedFor { get; internal set; }

        public bool IsTerminal => Status != DeploymentStatus.InProgress;

        /// <summary>What the user can do next; rendered into commands by the PowerShell layer.</summary>
        public NextStep NextStep
        {
            get
            {
                switch (Status)
                {
                    case DeploymentStatus.TimedOut: return NextStep.ResumeWait;
                    case DeploymentStatus.RolledBack:
                        return Rollback == RollbackProgress.InProgress ? NextStep.WaitForRollback : NextStep.InspectEvidence;
                    case DeploymentStatus.Failed:
                        return Cause == VerdictCause.ObservationFailed || Rollback == RollbackProgress.Failed ? NextStep.CheckService : NextStep.RollBack;
                    case DeploymentStatus.Stopped:
                        return NextStep.AttachToCurrent;
                    case DeploymentStatus.AwaitingApproval:
                        return NextStep.ApproveOrRollBack;
                    default:
                        return NextStep.None;
                }
            }
        }

        internal Verdict With(Action<Verdict> change)
        {
            var copy = (Verdict)MemberwiseClone();
            change(copy);
            return copy;
        }

        public override string ToString() => $"{Status} ({Cause})";
    }

    /// <summary>Who or what decided a verdict.</summary>
    public enum VerdictCause
    {
        None,
        /// <summary>The deployment reached its steady state.</summary>
        Completed,
        CircuitBreaker,
        Alarm,
        /// <summary>A lifecycle hook decided (a Lambda hook failed, a PAUSE hook was answered ROLLBACK), or one waits.</summary>
        Hook,
        /// <summary>A paused (or Lambda) hook was not answered in time and ECS applied its timeout action.</summary>
        HookTimeout,
        /// <summary>Someone asked ECS to roll back (StopServiceDeployment, the console, another tool).</summary>
        RollbackRequest,
        /// <summary>A newer deployment replaced ours.</summary>
        NewerDeployment,
        /// <summary>Fail-fast: the image cannot be pulled.</summary>
        ImagePull,
        /// <summary>Fail-fast: the essential container keeps exiting.</summary>
        ContainerExits,
        /// <summary>Fail-fast: ELB health checks keep failing.</summary>
        HealthChecks,
        ServiceMissing,
        /// <summary>The service is DRAINING or INACTIVE: it is being deleted.</summary>
        ServiceInactive,
        /// <summary>The object never learnt its deployment id.</summary>
        NotIdentified,
        Timeout,
        /// <summary>The wait could not observe the deployment any more (access denied, cluster gone, credentials).</summary>
        ObservationFailed,
    }

    /// <summary>How far ECS's rollback of a deployment has got.</summary>
    public enum RollbackProgress
    {
        None,
        InProgress,
        Completed,
        Failed,
    }

    /// <summary>The next step a verdict suggests.</summary>
    public enum NextStep
    {
        None,
        /// <summary>The deployment goes on: wait again for the service.</summary>
        ResumeWait,
        /// <summary>ECS is rolling back: wait for the service to settle.</summary>
        WaitForRollback,
        /// <summary>Undo the deployment.</summary>
        RollBack,
        /// <summary>Look at the failed tasks and events on the object.</summary>
        InspectEvidence,
        /// <summary>Look at the service now.</summary>
        CheckService,
        /// <summary>Attach to the deployment the service runs now.</summary>
        AttachToCurrent,
        /// <summary>A PAUSE hook waits: continue the deployment or roll it back.</summary>
        ApproveOrRollBack,
    }
}
