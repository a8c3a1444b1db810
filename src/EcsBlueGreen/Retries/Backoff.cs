using System;

namespace EcsBlueGreen.Retries
{
    /// <summary>Truncated binary exponential backoff with full jitter: random(0,1) * min(cap, base * 2^retryIndex).</summary>
    public static class Backoff
    {
        public static TimeSpan Delay(int retryIndex, RetryOptions options, Func<double> jitter)
        {
            var exponent = Math.Min(retryIndex, 30);
            var ceilingMs = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
            var factor = jitter();
            if (factor < 0 || factor > 1 || double.IsNaN(factor))
            {
                factor = 0;
            }

            return TimeSpan.FromMilliseconds(factor * ceilingMs);
        }
    }
}
