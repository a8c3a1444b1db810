using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Deployments
{
    /// <summary>One lifecycle stage of a native deployment as the wait saw it (a linear deployment repeats the shift stages).</summary>
    public sealed class StageEntry
    {
        public StageEntry(string stage, DateTimeOffset enteredAt, TimeSpan? duration)
        {
            Stage = stage;
            EnteredAt = enteredAt;
            Duration = duration;
        }

        /// <summary>ECS spelling (PRODUCTION_TRAFFIC_SHIFT).</summary>
        public string Stage { get; }

        /// <summary>When the wait first saw it (ECS's updatedAt of that answer when it gave one).</summary>
        public DateTimeOffset EnteredAt { get; }

        /// <summary>Until the next stage was seen; null for the stage the deployment ended in, or is still in.</summary>
        public TimeSpan? Duration { get; }

        public override string ToString() => Duration == null ? Stage : $"{Stage} ({Duration})";

        /// <summary>Each stage lasts until the next was seen; the last one until the deployment ended, when it has.</summary>
        public static IReadOnlyList<StageEntry> Timeline(IReadOnlyList<(string Stage, DateTimeOffset SeenAt)> seen, DateTimeOffset? endedAt)
        {
            var timeline = new List<StageEntry>();
            for (var i = 0; i < seen.Count; i++)
            {
                var until = i + 1 < seen.Count ? seen[i + 1].SeenAt : endedAt;
                timeline.Add(new StageEntry(seen[i].Stage, seen[i].SeenAt, until.HasValue && until >= seen[i].SeenAt ? until - seen[i].SeenAt : null));
            }

            return timeline;
        }
    }
}
