using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws.Http;

namespace EcsBlueGreen.Aws.Retry
{
    /// <summary>
    /// Runs one API call under the standard retry mode: classify each failure, pay the retry quota,
    /// wait a jittered backoff on the TimeProvider (cancellable at once), and report every attempt to the
    /// observer. Mutating calls may pass an UnknownOutcomeCheck so a write that may have happened is
    /// looked up instead of sent twice.
    /// </summary>
    internal sealed class RetryingInvoker
    {
        private readonly RetryOptions _options;
        private readonly RetryQuota _quota;
        private readonly TimeProvider _time;
        private readonly IAwsCallObserver? _observer;
        private readonly Func<double> _jitter;

        public RetryingInvoker(RetryOptions options, RetryQuota quota, TimeProvider time, IAwsCallObserver? observer)
        {
            _options = options;
            _quota = quota;
            _time = time;
            _observer = observer;
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

        public async Task<T> InvokeAsync<T>(AwsServiceConnection connection, AwsHttpRequest request,
            Func<AwsHttpResponse, T> parseSuccess, Func<AwsHttpResponse, AwsServiceException> parseError,
            UnknownOutcomeCheck<T>? unknownOutcomeCheck, CancellationToken cancellationToken)
            where T : class
        {
            var service = connection.Service.DisplayName;
            var maxAttempts = Math.Max(1, _options.MaxAttempts);
            var lastRetryCost = 0;
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = _time.GetTimestamp();
                Exception failure;
                bool retryable;
                bool mayHaveTakenEffect;
                int retryCost;
                int? statusCode = null;
                string? errorCode = null;
                string? requestId = null;
                try
                {
                    var response = await connection.SendOnceAsync(request, _options.AttemptTimeout, cancellationToken).ConfigureAwait(false);
                    statusCode = response.StatusCode;
                    if (response.IsSuccess)
                    {
                        requestId = response.Header("x-amzn-RequestId");
                        Observe(service, request.Operation, attempt, statusCode, null, requestId, started, null);
                        _quota.Release(lastRetryCost);
                        return parseSuccess(response);
                    }

                    var error = parseError(response);
                    errorCode = error.ErrorCode;
                    requestId = error.RequestId;
                    failure = error;
                    retryable = RetryClassifier.IsRetryable(error);
                    mayHaveTakenEffect = error.StatusCode >= 500 && !error.IsThrottling;
                    retryCost = RetryQuota.RetryCost;
                }
                catch (AttemptFailure transport)
                {
                    failure = new AwsTransportException(service, request.Operation, transport.Message, transport.OutcomeUnknown, transport.InnerException);
                    retryable = true;
                    mayHaveTakenEffect = transport.OutcomeUnknown;
                    retryCost = transport.IsTimeout ? RetryQuota.TimeoutRetryCost : RetryQuota.RetryCost;
                }

                if (!retryable || attempt >= maxAttempts || !_quota.TryAcquire(retryCost))
                {
                    Observe(service, request.Operation, attempt, statusCode, errorCode, requestId, started, null);
                    throw failure;
                }

                lastRetryCost = retryCost;
                var delay = Backoff.Delay(attempt - 1, _options, _jitter);
                Observe(service, request.Operation, attempt, statusCode, errorCode, requestId, started, delay);
                if (delay > TimeSpan.Zero)
                {
                    await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
                }

                if (mayHaveTakenEffect && unknownOutcomeCheck != null)
                {
                    T? adopted;
                    try
                    {
                        adopted = await unknownOutcomeCheck(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception checkError) when (!(checkError is OperationCanceledException))
                    {
                        // We cannot tell whether the write happened: say so rather than risk doing it twice.
                        throw new AwsTransportException(service, request.Operation,
                            $"{service} {request.Operation} may or may not have taken effect, and checking failed: {checkError.Message}",
                            outcomeUnknown: true, checkError);
                    }

                    if (adopted != null)
                    {
                        _quota.Release(lastRetryCost);
                        return adopted;
                    }
                }
            }
        }

        private void Observe(string service, string operation, int attempt, int? statusCode, string? errorCode,
            string? requestId, long startedTimestamp, TimeSpan? retryDelay)
        {
            if (_observer == null)
            {
                return;
            }

            var duration = _time.GetElapsedTime(startedTimestamp);
            try
            {
                _observer.OnAttempt(new AwsCallRecord(service, operation, attempt, statusCode, errorCode, requestId, duration, retryDelay));
            }
            catch (Exception ex)
            {
                // A failing logger must not fail the AWS call.
                Debug.WriteLine("AWS call observer failed: " + ex.Message);
            }
        }
    }
}
