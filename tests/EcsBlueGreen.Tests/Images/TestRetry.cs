using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Retries;
using Microsoft.Extensions.Time.Testing;

namespace EcsBlueGreen.Tests.Images
{
    /// <summary>Retry policies for registry tests: on a fake clock, never the wall clock.</summary>
    internal static class TestRetry
    {
        /// <summary>Zero backoff (jitter 0): retries happen at once and nothing waits, on any clock.</summary>
        public static RetryPolicy Immediate(int maxAttempts = RetryOptions.DefaultMaxAttempts) =>
            new RetryPolicy(new RetryOptions { MaxAttempts = maxAttempts, Jitter = () => 0.0 }, new RecordingClock());

        /// <summary>The full backoff ceiling (jitter 1): 1 s, 2 s, 4 s... on <paramref name="clock"/>.</summary>
        public static RetryPolicy FullBackoff(RecordingClock clock, int maxAttempts = RetryOptions.DefaultMaxAttempts) =>
            new RetryPolicy(new RetryOptions { MaxAttempts = maxAttempts, Jitter = () => 1.0 }, clock);
    }

    /// <summary>
    /// A fake clock that records every timer started on it (a backoff is one) and lets a test wait until
    /// the next one starts, so it advances time exactly when the code under test is waiting.
    /// </summary>
    internal sealed class RecordingClock : FakeTimeProvider
    {
        private readonly SemaphoreSlim _started = new(0);
        private readonly List<TimeSpan> _waits = new();

        public RecordingClock()
            : base(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
        {
        }

        /// <summary>The due times of the timers started so far, in order.</summary>
        public IReadOnlyList<TimeSpan> Waits
        {
            get { lock (_waits) return _waits.ToArray(); }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            lock (_waits) _waits.Add(dueTime);
            _started.Release();
            return timer;
        }

        /// <summary>Returns once the next timer has started. The 30 s limit only ends a broken test; no
        /// result depends on it.</summary>
        public async Task NextTimerAsync()
        {
            if (!await _started.WaitAsync(TimeSpan.FromSeconds(30)))
                throw new TimeoutException("No timer was started on the fake clock: the code did not wait on it.");
        }
    }
}
