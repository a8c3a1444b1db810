using System;

namespace EcsBlueGreen.Retries
{
    /// <summary>The standard retry mode's settings; injectable so tests pin delays and run on a fake clock.</summary>
    public sealed class RetryOptions
    {
        public const int DefaultMaxAttempts = 3;

        /// <summary>Total attempts, first included; 1 disables retries.</summary>
        public int MaxAttempts { get; set; } = DefaultMaxAttempts;

        /// <summary>Backoff base: the first retry waits up to this long (full jitter).</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Cap of the exponential backoff before jitter.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>A random number in [0,1) for full jitter; replaced by tests to pin delays.</summary>
        public Func<double>? Jitter { get; set; }

        /// <summary>How long one AWS API attempt may take before it counts as a timeout. (Registry
        /// uploads have none: a layer over a slow link takes as long as it takes.)</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);
    }
}
