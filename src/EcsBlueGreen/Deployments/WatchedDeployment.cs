using System;
using EcsBlueGreen.Deployments.Hooks;
using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// What the watcher knows of one deployment between polls. The object it was given is only read:
    /// the watcher's observations live here, and the verdict becomes a new object.
    /// </summary>
    internal sealed class WatchedDeployment
    {
        public WatchedDeployment(EcsDeployment source, IEcsApi ecs, int progressId, DateTimeOffset deadline)
        {
            Source = source;
            Ecs = ecs;
            ProgressId = progressId;
            Deadline = deadline;
            StartedAt = source.StartedAt;
            foreach (var e in source.Events)
            {
                if (SeenEvents.Add(Key(e.CreatedAt, e.Message)))
                {
                    Events.Add(e);
                }
            }
        }

        public EcsDeployment Source { get; }
        public IEcsApi Ecs { get; }
        public int ProgressId { get; }
        public DateTimeOffset Deadline { get; }
        public string Subject => $"{Source.Cluster}/{Source.Service}";

        public DateTimeOffset? StartedAt { get; set; }
        public DeploymentEntry? Entry { get; set; }
        public EcsService? Service { get; set; }
        public ServiceDeployment? ServiceDeployment { get; set; }
        public Verdict? Verdict { get; set; }
        public bool IsTerminal => Verdict != null && Verdict.IsTerminal;

        /// <summary>When DescribeServices last answered for this deployment in this wait.</summary>
        public DateTimeOffset? LastSeenAt { get; set; }

        /// <summary>Set when ECS could not be reached: the wait no longer follows it, and gives no verdict.</summary>
        public UnreachableDeployment? Lost { get; set; }

        /// <summary>The wait is done with it: a verdict, or lost to an unreachable endpoint.</summary>
        public bool IsSettled => IsTerminal || Lost != null;

        /// <summary>The shape of deployments[] at the last poll; a change is when the service-deployments API can tell more.</summary>
        public string? Shape { get; set; }

        public HashSet<string> SeenEvents { get; } = new HashSet<string>(StringComparer.Ordinal);
        public List<ServiceEventRecord> Events { get; } = new List<ServiceEventRecord>();
        public int FailedTasksChecked { get; set; }

        /// <summary>The drain and cost observation of this deployment, when the wait asked for it.</summary>
        public Drain.DrainObserver? Drain { get; set; }
        public int PollsSinceFailureCheck { get; set; }

        /// <summary>Native deployments: each stage as first seen, in order.</summary>
        public List<(string Stage, DateTimeOffset SeenAt)> StagesSeen { get; } = new List<(string, DateTimeOffset)>();

        /// <summary>Native deployments: every hook run seen, by id in the order they appeared.</summary>
        public List<HookResult> Hooks { get; } = new List<HookResult>();

        /// <summary>Hook id → the stage the run was seen to begin at (the reported stage moves on afterwards).</summary>
        public Dictionary<string, string> HookStages { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>PAUSE hook runs this wait answered with the user's -Hook check, by hook id.</summary>
        public Dictionary<string, HookDecision> Answers { get; } = new Dictionary<string, HookDecision>(StringComparer.Ordinal);

        /// <summary>Answers ECS has taken (ContinueServiceDeployment succeeded); the others are sent again.</summary>
        public HashSet<string> AnswersSent { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The test and production endpoints, read from ELBv2 before the first hook ran.</summary>
        public (TrafficEndpoint? Test, TrafficEndpoint? Production)? Endpoints { get; set; }

        /// <summary>Whether the wait has said which -Hook checks this deployment's hooks will never call.</summary>
        public bool HookCoverageChecked { get; set; }

        /// <summary>PAUSE hook runs this wait has already said it waits for.</summary>
        public HashSet<string> AnnouncedPauses { get; } = new HashSet<string>(StringComparer.Ordinal);

        public bool IsNative => NativeJudge.IsNative(Service, ServiceDeployment);

        /// <summary>The given deployment as the wait last saw it (events, task counts), as a new object: the given one is never changed.</summary>
        public EcsDeployment ObservedCopy()
        {
            var d = Source.Copy();
            d.StartedAt = StartedAt;
            d.Events = Events.ToList();
            if (Entry != null)
            {
                d.RunningCount = Entry.RunningCount;
                d.DesiredCount = Entry.DesiredCount;
                d.PendingCount = Entry.PendingCount;
            }

            return d;
        }

        /// <summary>A native deployment's stage, weights, stage timeline (the last stage until endedAt, when known) and hook runs, onto a copy this wait made.</summary>
        public void DescribeNative(EcsDeployment copy, DateTimeOffset? endedAt)
        {
            var sd = ServiceDeployment!;
            copy.LifecycleStage = sd.LifecycleStage;
            copy.ProductionTrafficWeight = sd.TargetProductionTrafficWeight;
            copy.TestTrafficWeight = sd.TargetTestTrafficWeight;
            copy.Stages = StageEntry.Timeline(StagesSeen, endedAt);
            copy.Hooks = Hooks.Select(h => h.Copy()).ToList();
        }

        public static string Key(DateTimeOffset at, string message) => at.ToUnixTimeMilliseconds() + "|" + message;

        /// <summary>Ids and states of every entry, without the task counts that move on every poll.</summary>
        public static string ShapeOf(EcsService service) =>
            service.Status + ";" + string.Join(";", service.Deployments.Select(d => $"{d.Id}:{d.Status}:{d.RolloutState}:{d.IsRollbackTarget}"));
    }
}
