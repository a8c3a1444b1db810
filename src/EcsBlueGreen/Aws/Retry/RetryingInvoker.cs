using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws.Http;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Aws.Retry
{
    /// <summary>
    /// Runs one AWS API call through the session's <see cref="RetryPolicy"/>: judges each answer (error
    /// code, status, transport failure), reports every attempt to the observer, and for a mutating call
    /// whose previous attempt may have taken effect runs its UnknownOutcomeCheck before sending again,
    /// so a write that happened is adopted instead of sent twice.
    /// </summary>
    internal sealed class RetryingInvoker
    {
        private readonly RetryPolicy _policy;
        private readonly IAwsCallObserver? _observer;

        public RetryingInvoker(RetryPolicy policy, IAwsCallObserver? observer)
        {
            _policy = policy;
            _observer = observer;
        }

        public Task<T> InvokeAsync<T>(AwsServiceConnection connection, AwsHttpRequest request,
            Func<AwsHttpResponse, T> parseSuccess, Func<AwsHttpResponse, AwsServiceException> parseError,
            UnknownOutcomeCheck<T>? unknownOutcomeCheck, CancellationToken cancellationToken)
            where T : class
        {
            var service = connection.Service.DisplayName;
            var previousMayHaveTakenEffect = false;
            return _policy.RunAsync<T>(async (attempt, token) =>
            {
                if (previousMayHaveTakenEffect && unknownOutcomeCheck != null)
                {
                    var adopted = await CheckAsync(service, request.Operation, unknownOutcomeCheck, token).ConfigureAwait(false);
                    if (adopted != null)
                    {
                        return AttemptOutcome<T>.Success(adopted);
                    }
                }

                var started = _policy.Time.GetTimestamp();
                int? statusCode = null;
                try
                {
                    var response = await connection.SendOnceAsync(request, _policy.AttemptTimeoutFromNow(), token).ConfigureAwait(false);
                    statusCode = response.StatusCode;
                    if (response.IsSuccess)
                    {
                        Observe(service, request.Operation, attempt, statusCode, null, response.Header("x-amzn-RequestId"), started, null);
                        return AttemptOutcome<T>.Success(parseSuccess(response));
                    }

                    var error = parseError(response);
                    previousMayHaveTakenEffect = error.StatusCode >= 500 && !error.IsThrottling;
                    return AttemptOutcome<T>.Fail(error, RetryClassifier.IsRetryable(error.ErrorCode, error.StatusCode) || error.IsThrottling,
                        RetryQuota.RetryCost,
                        delay => Observe(service, request.Operation, attempt, statusCode, error.ErrorCode, error.RequestId, started, delay));
                }
                catch (AttemptFailure transport)
                {
                    previousMayHaveTakenEffect = transport.OutcomeUnknown;
                    var failure = new AwsTransportException(service, request.Operation, transport.Message, transport.OutcomeUnknown, transport.InnerException,
                        connection.Endpoint, transport.Unreachable);
                    return AttemptOutcome<T>.Fail(failure, true,
                        transport.IsTimeout ? RetryQuota.TimeoutRetryCost : RetryQuota.RetryCost,
                        delay => Observe(service, request.Operation, attempt, statusCode, null, null, started, delay),
                        transport.Unreachable);
                }
            }, cancellationToken);
        }

        private static async Task<T?> CheckAsync<T>(string service, string operation, UnknownOutcomeCheck<T> check, CancellationToken cancellationToken)
            where T : class
        {
            try
            {
                return await check(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception checkError) when (!(checkError is OperationCanceledException))
            {
                // We cannot tell whether the write happened: say so rather than risk doing it twice.
                throw new AwsTransportException(service, operation,
                    $"{service} {operation} may or may not have taken effect, and checking failed: {checkError.Message}",
                    outcomeUnknown: true, checkError);
            }
        }

        private void Observe(string service, string operation, int attempt, int? statusCode, string? errorCode,
            string? requestId, long startedTimestamp, TimeSpan? retryDelay)
        {
            if (_observer == null)
            {
                return;
            }

            var duration = _policy.Time.GetElapsedTime(startedTimestamp);
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
