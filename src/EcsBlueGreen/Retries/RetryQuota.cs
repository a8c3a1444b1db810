namespace EcsBlueGreen.Retries
{
    /// <summary>
    /// The standard mode's client-side retry token bucket: retries spend tokens, successes give some
    /// back, and an empty bucket stops retrying so a brown-out is not multiplied by every client.
    /// One per session, shared by its service clients.
    /// </summary>
    public sealed class RetryQuota
    {
        public const int Capacity = 500;
        public const int RetryCost = 5;
        public const int TimeoutRetryCost = 10;
        public const int NoRetryIncrement = 1;

        private readonly object _gate = new object();
        private int _available = Capacity;

        public int Available
        {
            get { lock (_gate) { return _available; } }
        }

        /// <summary>Takes the cost of one retry; false (nothing taken) when the bucket cannot pay.</summary>
        public bool TryAcquire(int cost)
        {
            lock (_gate)
            {
                if (_available < cost)
                {
                    return false;
                }

                _available -= cost;
                return true;
            }
        }

        /// <summary>A call succeeded: refund its last retry's cost, or 1 when it needed no retry.</summary>
        public void Release(int lastRetryCost)
        {
            lock (_gate)
            {
                var refund = lastRetryCost > 0 ? lastRetryCost : NoRetryIncrement;
                _available = _available + refund > Capacity ? Capacity : _available + refund;
            }
        }
    }
}
