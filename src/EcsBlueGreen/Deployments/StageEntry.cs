using System;

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
    }
}
