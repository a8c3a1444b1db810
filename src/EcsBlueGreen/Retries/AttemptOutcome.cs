using System;

namespace EcsBlueGreen.Retries
{
    /// <summary>
    /// What one attempt of a call came to, as the caller judges it: a value, or a failure with whether
    /// another attempt may cure it and what that retry costs from the quota. A failure may carry a
    /// callback that learns what the policy decided: retry after a delay, or give up (null).
    /// </summary>
    internal sealed class AttemptOutcome<T>
    {
        private AttemptOutcome(bool succeeded, T value, Exception? failure, bool retryable, int retryCost, Action<TimeSpan?>? onDecided, bool unreachable = false)
        {
            Unreachable = unreachable;
            Succeeded = succeeded;
            Value = value;
            Failure = failure;
            Retryable = retryable;
            RetryCost = retryCost;
            OnDecided = onDecided;
        }

        public bool Succeeded { get; }
        public T Value { get; }
        public Exception? Failure { get; }
        public bool Retryable { get; }
        public int RetryCost { get; }
        public Action<TimeSpan?>? OnDecided { get; }

        /// <summary>The attempt could not connect at all (see CallLimits.UnreachableRetryWindow).</summary>
        public bool Unreachable { get; }

        public static AttemptOutcome<T> Success(T value) => new AttemptOutcome<T>(true, value, null, false, 0, null);

        /// <param name="failure">Thrown as it is when the policy gives up.</param>
        public static AttemptOutcome<T> Fail(Exception failure, bool retryable, int retryCost = RetryQuota.RetryCost, Action<TimeSpan?>? onDecided = null, bool unreachable = false) =>
            new AttemptOutcome<T>(false, default!, failure ?? throw new ArgumentNullException(nameof(failure)), retryable, retryCost, onDecided, unreachable);
    }
}
