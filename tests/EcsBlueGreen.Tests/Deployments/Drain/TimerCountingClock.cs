using System;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

namespace EcsBlueGreen.Tests.Deployments.Drain
{
    /// <summary>A fake clock that counts the timers made on it, so a test advances time only once the watcher waits on it.</summary>
    internal sealed class TimerCountingClock : FakeTimeProvider
    {
        private int _timers;

        public TimerCountingClock(DateTimeOffset start) : base(start) { }

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Counted once the timer exists, so a test that sees the count can advance past it.
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }
    }
}
