using System;
using System.Net.Http;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Aws
{
    /// <summary>How a session talks, as opposed to whom it talks to: HTTP handler, clock, logging, retries.
    /// Everything has a production default; tests replace parts.</summary>
    public sealed class AwsSessionSettings
    {
        /// <summary>The handler under the session's HttpClient (tests pass a fake). Null: a default handler.</summary>
        public HttpMessageHandler? HttpHandler { get; set; }

        /// <summary>Clock for signing dates, backoff delays and attempt timeouts (of the AWS and the registry clients).</summary>
        public TimeProvider Time { get; set; } = TimeProvider.System;

        /// <summary>Sees every attempt (operation, attempt, status, duration); never secrets.</summary>
        public IAwsCallObserver? Observer { get; set; }

        /// <summary>Backoff base/cap, jitter and attempt timeout. MaxAttempts here is overridden by the
        /// resolved value (options.MaxAttempts, AWS_MAX_ATTEMPTS, profile max_attempts).</summary>
        public RetryOptions Retry { get; set; } = new RetryOptions();
    }
}
