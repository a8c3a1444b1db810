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

        /// <summary>How long an attempt starting now may take: AttemptTimeout, cut to the time left
        /// before the deadline of the current <see cref="CallLimits"/>.</summary>
        internal TimeSpan AttemptTimeoutFromNow()
        {
            var limits = CallLimits.Current;
            if (limits == null)
            {
                return _options.AttemptTimeout;
            }

            var left = limits.Deadline - Time.GetUtcNow();
            return left <= TimeSpan.Zero ? TimeSpan.Zero : left < _options.AttemptTimeout ? left : _options.AttemptTimeout;
        }

        private bool PastDeadline(CallLimits? limits) => limits != null && Time.GetUtcNow() >= limits.Deadline;

        /// <summary>Runs <paramref name="attempt"/> (given its 1-based number) until it succeeds, fails in a
        /// way not worth retrying, runs out of attempts or finds the quota empty; then returns its value
        /// or throws its failure. Exceptions the attempt throws itself are not retried. An attempt that
        /// follows one which may have taken effect can look first and return what it finds as a success.
        /// Under <see cref="CallLimits"/> no retry starts at or after their deadline, nor once attempts
        /// have failed to connect for longer than their window.</summary>
        internal async Task<T> RunAsync<T>(Func<int, CancellationToken, Task<AttemptOutcome<T>>> attempt, CancellationToken cancellationToken)
        {
            var maxAttempts = MaxAttempts;
            var limits = CallLimits.Current;
            var lastRetryCost = 0;
            var unreachableSince = default(DateTimeOffset?);
            var previousFailure = default(Exception);
            for (var number = 1; ; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var attemptStarted = Time.GetUtcNow();
                AttemptOutcome<T> outcome;
                try
                {
                    outcome = await attempt(number, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (previousFailure != null && PastDeadline(limits))
                {
                    // Cut short by the deadline: the last attempt that ran its course says what went wrong.
                    ExceptionDispatchInfo.Capture(previousFailure).Throw();
                    throw;
                }

                if (outcome.Succeeded)
                {
                    Quota.Release(lastRetryCost);
                    return outcome.Value;
                }

                unreachableSince = outcome.Unreachable ? unreachableSince ?? attemptStarted : null;
                var delay = outcome.Retryable && number < maxAttempts ? Backoff.Delay(number - 1, _options, _jitter) : TimeSpan.Zero;
                if (!outcome.Retryable || number >= maxAttempts ||
                    (limits != null && limits.Forbid(Time.GetUtcNow() + delay, unreachableSince)) ||
                    !Quota.TryAcquire(outcome.RetryCost))
                {
                    outcome.OnDecided?.Invoke(null);
                    // An attempt that ended at the deadline was cut by it (its timeout is the time that was
                    // left): the attempt before it, if any, is the better witness.
                    var failure = previousFailure != null && PastDeadline(limits) ? previousFailure : outcome.Failure!;
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                previousFailure = outcome.Failure;
                lastRetryCost = outcome.RetryCost;
                outcome.OnDecided?.Invoke(delay);
                if (delay > TimeSpan.Zero)
                {
                    try
                    {
                        await Time.Delay(delay, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (PastDeadline(limits))
                    {
                        ExceptionDispatchInfo.Capture(previousFailure!).Throw();
                        throw;
                    }
                }
            }
        }
    }
}
