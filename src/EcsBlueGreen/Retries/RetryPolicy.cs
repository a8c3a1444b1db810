using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Retries
{
    /// <summary>
    /// The module's one retry loop, used by the AWS API clients and the registry client alike: up to
    /// MaxAttempts attempts, each retry paid from the shared quota, separated by a jittered exponential
    /// backoff waited on the policy's TimeProvider (cancellable at once). What counts as a failure and
    /// whether it is worth retrying is the caller's judgement, returned as an <see cref="AttemptOutcome{T}"/>.
    /// One per session: its clients share the clock and the token bucket.
    /// </summary>
    public sealed class RetryPolicy
    {
        private readonly RetryOptions _options;
        private readonly Func<double> _jitter;

        public RetryPolicy(RetryOptions options, TimeProvider time, RetryQuota? quota = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            Time = time ?? throw new ArgumentNullException(nameof(time));
            Quota = quota ?? new RetryQuota();
            if (options.Jitter != null)
            {
                _jitter = options.Jitter;
            }
            else
            {
                var random = new Random();
                var gate = new object();
                _jitter = () => { lock (gate) { return random.NextDouble(); } };
            }
        }

        /// <summary>The clock backoffs wait on; the clients of the policy measure time on it too.</summary>
        public TimeProvider Time { get; }

        public RetryQuota Quota { get; }

        /// <summary>Total attempts of one call, the first included (at least 1).</summary>
        public int MaxAttempts => Math.Max(1, _options.MaxAttempts);

        /// <summary>How long one AWS API attempt may take.</summary>
        public TimeSpan AttemptTimeout => _options.AttemptTimeout;

        /// <summary>Runs <paramref name="attempt"/> (given its 1-based number) until it succeeds, fails in a
        /// way not worth retrying, runs out of attempts or finds the quota empty; then returns its value
        /// or throws its failure. Exceptions the attempt throws itself are not retried. An attempt that
        /// follows one which may have taken effect can look first and return what it finds as a success.</summary>
        internal async Task<T> RunAsync<T>(Func<int, CancellationToken, Task<AttemptOutcome<T>>> attempt, CancellationToken cancellationToken)
        {
            var maxAttempts = MaxAttempts;
            var lastRetryCost = 0;
            for (var number = 1; ; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await attempt(number, cancellationToken).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    Quota.Release(lastRetryCost);
                    return outcome.Value;
                }

                if (!outcome.Retryable || number >= maxAttempts || !Quota.TryAcquire(outcome.RetryCost))
                {
                    outcome.OnDecided?.Invoke(null);
                    ExceptionDispatchInfo.Capture(outcome.Failure!).Throw();
                }

                lastRetryCost = outcome.RetryCost;
                var delay = Backoff.Delay(number - 1, _options, _jitter);
                outcome.OnDecided?.Invoke(delay);
                if (delay > TimeSpan.Zero)
                {
                    await Time.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
