using System;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// A -Timeout that began when the command did, on the session's clock: the calls made before the
    /// wait proper (finding the deployment to wait for) spend from it, and the wait gets what is left,
    /// so the whole command ends within the timeout.
    /// </summary>
    public sealed class TimeoutBudget
    {
        private readonly TimeProvider _clock;

        private TimeoutBudget(TimeProvider clock, TimeSpan timeout)
        {
            _clock = clock;
            Timeout = timeout;
            StartedAt = clock.GetUtcNow();
        }

        public static TimeoutBudget Start(AwsSession clockOf, TimeSpan timeout) =>
            new TimeoutBudget((clockOf ?? throw new ArgumentNullException(nameof(clockOf))).Time, timeout);

        public TimeSpan Timeout { get; }

        public DateTimeOffset StartedAt { get; }

        public DateTimeOffset Deadline => StartedAt + Timeout;

        /// <summary>Runs work whose AWS calls end by the deadline: cancelled then, and no retry started past
        /// it. Work the deadline cut short is an AwsNoAnswer error that says so.</summary>
        public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            var left = Deadline - _clock.GetUtcNow();
            using (var timeout = _clock.CreateCancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            using (var calls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            using (CallLimits.Apply(new CallLimits(Deadline)))
            {
                try
                {
                    return await work(calls.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new EcsBlueGreenException(ErrorIds.AwsNoAnswer, $"ECS did not answer {what} within the timeout of {Timeout}.", ex);
                }
                catch (AwsTransportException ex) when (_clock.GetUtcNow() >= Deadline)
                {
                    // A read the deadline cut short: nothing can have changed, so not an unknown outcome.
                    throw new EcsBlueGreenException(ErrorIds.AwsNoAnswer, $"ECS did not answer {what} within the timeout of {Timeout}.", ex);
                }
            }
        }
    }
}
