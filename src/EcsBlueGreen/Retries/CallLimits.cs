using System;
using System.Threading;

namespace EcsBlueGreen.Retries
{
    /// <summary>
    /// Limits for every call made in one async flow (a wait's poll), on the retry policy's clock: the
    /// moment they must have ended by, and how long a connection that cannot be made at all is tried
    /// again. With limits the policy starts no attempt or back-off it cannot finish in time and gives
    /// up with the real failure instead, so the caller learns what went wrong, not merely that time
    /// ran out. Ambient (set with Apply) because the calls pass through service clients that carry
    /// only the invocation's cancellation token; the caller still cancels that token at the deadline.
    /// </summary>
    public sealed class CallLimits
    {
        private static readonly AsyncLocal<CallLimits?> Ambient = new AsyncLocal<CallLimits?>();

        public CallLimits(DateTimeOffset deadline, TimeSpan? unreachableRetryWindow = null)
        {
            Deadline = deadline;
            UnreachableRetryWindow = unreachableRetryWindow;
        }

        /// <summary>No attempt runs and no back-off waits past this moment.</summary>
        public DateTimeOffset Deadline { get; }

        /// <summary>How long attempts that cannot connect are retried within one call (null: as many as allowed).</summary>
        public TimeSpan? UnreachableRetryWindow { get; }

        internal static CallLimits? Current => Ambient.Value;

        /// <summary>Applies to the calls of this flow until the result is disposed.</summary>
        public static IDisposable Apply(CallLimits limits)
        {
            var previous = Ambient.Value;
            Ambient.Value = limits ?? throw new ArgumentNullException(nameof(limits));
            return new Restore(previous);
        }

        /// <summary>Whether a retry that would start at resumeAt is past the limits.</summary>
        internal bool Forbid(DateTimeOffset resumeAt, DateTimeOffset? unreachableSince) =>
            resumeAt >= Deadline ||
            (unreachableSince.HasValue && UnreachableRetryWindow.HasValue && resumeAt - unreachableSince.Value > UnreachableRetryWindow.Value);

        private sealed class Restore : IDisposable
        {
            private readonly CallLimits? _previous;

            public Restore(CallLimits? previous) => _previous = previous;

            public void Dispose() => Ambient.Value = _previous;
        }
    }
}
