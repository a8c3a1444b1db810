using System;
using EcsBlueGreen.Deployments.Hooks;
using System.Collections.Generic;
using EcsBlueGreen.Deployments.Costs;
using EcsBlueGreen.Deployments.Drain;
using EcsBlueGreen.Pipeline;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// One deployment of one ECS service, as it travels down the pipeline: Start creates it, Wait
    /// gives it a final Status and the evidence, Undo answers it with a Rollback. Property names
    /// equal the parameter names of the next cmdlet, so it binds by property name.
    /// </summary>
    public sealed class EcsDeployment
    {
        public string Cluster { get; set; } = "";
        public string Service { get; set; } = "";
        public string Region { get; set; } = "";
        /// <summary>ecs-svc/…: the id in Service.deployments[] and the startedBy of its tasks.</summary>
        public string? DeploymentId { get; set; }
        /// <summary>The service-deployment ARN, when the account allows that API.</summary>
        public string? ServiceDeploymentArn { get; set; }
        public string? TaskDefinitionArn { get; set; }
        public string? PreviousTaskDefinitionArn { get; set; }
        public string? ContainerName { get; set; }
        public string? Image { get; set; }
        public string? PreviousImage { get; set; }
        public DeploymentKind Kind { get; set; } = DeploymentKind.Deployment;
        /// <summary>ROLLING, BLUE_GREEN, LINEAR or CANARY: the deploymentConfiguration.strategy the deployment was started with.</summary>
        public string? Strategy { get; set; }
        public DeploymentStatus Status { get; set; } = DeploymentStatus.InProgress;
        public string? StatusReason { get; set; }
        /// <summary>For a rollback: the deployment it undoes.</summary>
        public string? RollbackOf { get; set; }
        /// <summary>When rolled back: the deployment ECS went back to.</summary>
        public string? RolledBackTo { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? CompletedAt { get; set; }
        public TimeSpan? Duration => StartedAt.HasValue && CompletedAt.HasValue ? CompletedAt - StartedAt : null;
        public int RunningCount { get; set; }
        public int DesiredCount { get; set; }
        public int PendingCount { get; set; }
        public IReadOnlyList<StoppedTaskInfo> FailedTasks { get; set; } = Array.Empty<StoppedTaskInfo>();
        public IReadOnlyList<StoppedTaskInfo> StoppedTasks { get; set; } = Array.Empty<StoppedTaskInfo>();
        public CircuitBreakerState CircuitBreaker { get; set; } = new CircuitBreakerState();
        /// <summary>Service events seen during the wait, oldest first.</summary>
        public IReadOnlyList<ServiceEventRecord> Events { get; set; } = Array.Empty<ServiceEventRecord>();
        public string? EndpointUrl { get; set; }
        public string? ProfileName { get; set; }
        /// <summary>The account/region/endpoint this deployment was made with (no secrets).</summary>
        public AwsConnection? Connection { get; set; }

        /// <summary>The structured verdict behind Status and StatusReason, once a wait or a listing judged it.</summary>
        public Verdict? Verdict { get; set; }

        /// <summary>The drain of the replaced tasks as the wait saw it (null without load balancers or before a wait).</summary>
        public DrainPhase? Drain { get; set; }

        /// <summary>The overlap the deployment paid for: extra task-seconds and their estimated cost.</summary>
        public DeploymentWindow? Window { get; set; }

        /// <summary>From the first new task's start to ECS stopping old tasks because the new ones were healthy.</summary>
        public TimeSpan? TimeToHealthy { get; set; }

        /// <summary>Native (BLUE_GREEN, LINEAR, CANARY) deployments: the lifecycle stage ECS last reported.</summary>
        public string? LifecycleStage { get; set; }

        /// <summary>Native deployments: the share (0-100) of production traffic the new revision was last given.</summary>
        public double? ProductionTrafficWeight { get; set; }

        /// <summary>Native deployments: the share (0-100) of test-listener traffic the new revision was last given.</summary>
        public double? TestTrafficWeight { get; set; }

        /// <summary>Native deployments: every stage the wait saw, in order, with when it was entered and how long it lasted.</summary>
        public IReadOnlyList<StageEntry> Stages { get; set; } = Array.Empty<StageEntry>();

        /// <summary>Native deployments: every lifecycle-hook run, how it ended and what the wait did about it.</summary>
        public IReadOnlyList<HookResult> Hooks { get; set; } = Array.Empty<HookResult>();

        /// <summary>Native deployments: the PAUSE hook run ECS holds the deployment at, awaiting CONTINUE or ROLLBACK (null when none).</summary>
        public HookResult? PendingHook { get; set; }

        /// <summary>Native deployments, in a -Hook check: where the test listener rule answers (URL and the headers it requires).</summary>
        public TrafficEndpoint? TestEndpoint { get; set; }

        /// <summary>Native deployments, in a -Hook check: where the production listener rule answers.</summary>
        public TrafficEndpoint? ProductionEndpoint { get; set; }

        /// <summary>Linear and canary deployments, in a PreProductionTrafficShift check: the production step about to begin (1-based).</summary>
        public int? TrafficStep { get; set; }

        /// <summary>How many production steps the strategy takes (canary 2, linear 100 / step percent).</summary>
        public int? TrafficStepCount { get; set; }

        /// <summary>The production weight of the new revision once the step about to begin is done.</summary>
        public double? NextProductionTrafficWeight { get; set; }

        /// <summary>The tag (or short digest) of Image, for views.</summary>
        public string? ImageTag => ImageReference.TryParse(Image, out var reference) ? reference!.ShortVersion : null;

        public bool IsTerminal => Status != DeploymentStatus.InProgress;

        /// <summary>
        /// A new object with the same values (lists are read-only, the breaker state is copied), so a
        /// command can report a deployment without changing the object it was given.
        /// </summary>
        public EcsDeployment Copy()
        {
            var copy = (EcsDeployment)MemberwiseClone();
            copy.CircuitBreaker = CircuitBreaker.Copy();
            copy.Drain = Drain?.Copy();
            copy.PendingHook = PendingHook?.Copy();
            copy.Window = Window?.Copy();
            return copy;
        }

        public override string ToString() => $"{Cluster}/{Service} {DeploymentId ?? "(pending)"} {Status}";
    }
}
