using System;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Whether the watcher can reach one ECS connection: since when DescribeServices (its heartbeat)
    /// has got no answer, counted from its first failure to connect at all, and the last such failure.
    /// Only an answer ends the streak: a timeout after refusals has not shown the deployment either.
    /// </summary>
    internal sealed class EndpointReachability
    {
        public DateTimeOffset? UnreachableSince { get; private set; }

        public AwsTransportException? LastFailure { get; private set; }

        public void Answered()
        {
            UnreachableSince = null;
            LastFailure = null;
        }

        /// <param name="callStarted">When the failed call made its first attempt.</param>
        public void Failed(AwsTransportException failure, DateTimeOffset callStarted)
        {
            if (!failure.EndpointUnreachable)
            {
                return;
            }

            UnreachableSince ??= callStarted;
            LastFailure = failure;
        }

        /// <summary>When the window ends for a connection now unreachable; null while it is reachable.</summary>
        public DateTimeOffset? GivesUpAt(TimeSpan window) => UnreachableSince + window;
    }
}
