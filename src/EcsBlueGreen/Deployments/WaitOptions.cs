using System;

namespace EcsBlueGreen.Deployments
{
    public sealed class WaitOptions
    {
        /// <summary>How long to wait before reporting TimedOut (the deployment itself goes on).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>When the timeout began, if before the wait (the command's own lookups spent part of it); null: now.
        /// Deployments that join later (rollbacks) get the whole timeout from when they join.</summary>
        public DateTimeOffset? TimeoutStartedAt { get; set; }

        /// <summary>Base poll interval; it backs off on throttling and returns to this on success.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long ECS may refuse connections (or be unresolvable) before the wait stops following
        /// the deployments of that endpoint with an unreachable error: short, because nothing is known of
        /// them meanwhile, and bounded whatever retry attempts are configured.</summary>
        public TimeSpan UnreachableWindow { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Native deployments: keep waiting while ECS holds the deployment at a PAUSE hook nobody
        /// here answers, instead of returning it AwaitingApproval (the timeout still ends the wait).</summary>
        public bool WaitThroughPause { get; set; }

        /// <summary>Report Failed as soon as a new task stops for a cause that will not heal.</summary>
        public bool FailFast { get; set; }
    }
}
