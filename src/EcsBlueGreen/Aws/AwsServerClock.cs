using System;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// AWS's own "now", as the Date header of its last answer on one connection told it: the clock its
    /// timestamps (service events, task times) are on. A local clock may be minutes off (a laptop, a CI
    /// runner without NTP); the AWS SDKs correct their signing by the same header. Between answers the
    /// estimate moves on by the local time since the last one arrived, so a constant skew cancels out.
    /// </summary>
    public sealed class AwsServerClock
    {
        private readonly TimeProvider _local;
        private readonly object _gate = new object();
        private DateTimeOffset? _serverDate;
        private DateTimeOffset _receivedAt;

        public AwsServerClock(TimeProvider local)
        {
            _local = local ?? throw new ArgumentNullException(nameof(local));
        }

        /// <summary>Records the Date header of an answer that arrived now (on the local clock).</summary>
        public void Observe(DateTimeOffset serverDate)
        {
            var receivedAt = _local.GetUtcNow();
            lock (_gate)
            {
                _serverDate = serverDate;
                _receivedAt = receivedAt;
            }
        }

        /// <summary>AWS's now, or null before any answer carried a Date header.</summary>
        public DateTimeOffset? Now
        {
            get
            {
                lock (_gate)
                {
                    return _serverDate.HasValue ? Estimate(_serverDate.Value, _receivedAt, _local.GetUtcNow()) : (DateTimeOffset?)null;
                }
            }
        }

        /// <summary>The server's time at <paramref name="localNow"/>: its last Date plus the local time since that answer arrived.</summary>
        public static DateTimeOffset Estimate(DateTimeOffset serverDate, DateTimeOffset receivedAt, DateTimeOffset localNow) =>
            serverDate + (localNow > receivedAt ? localNow - receivedAt : TimeSpan.Zero);
    }

    /// <summary>A client whose answers tell AWS's time (see <see cref="AwsServerClock"/>).</summary>
    public interface IAwsServerTime
    {
        /// <summary>AWS's now, or null before any answer carried a Date header.</summary>
        DateTimeOffset? AwsNow { get; }
    }
}
