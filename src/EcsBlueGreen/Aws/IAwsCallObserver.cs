using System;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// Sees every HTTP attempt (for verbose logging and request counting). Records carry no request or
    /// response bodies and no credentials.
    /// </summary>
    public interface IAwsCallObserver
    {
        void OnAttempt(AwsCallRecord record);
    }

    public sealed class AwsCallRecord
    {
        public AwsCallRecord(string service, string operation, int attempt, int? statusCode, string? errorCode,
            string? requestId, TimeSpan duration, TimeSpan? retryDelay)
        {
            Service = service;
            Operation = operation;
            Attempt = attempt;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            RequestId = requestId;
            Duration = duration;
            RetryDelay = retryDelay;
        }

        public string Service { get; }
        public string Operation { get; }
        /// <summary>1-based.</summary>
        public int Attempt { get; }
        /// <summary>Null when no HTTP response arrived (connection failure, timeout).</summary>
        public int? StatusCode { get; }
        public string? ErrorCode { get; }
        public string? RequestId { get; }
        public TimeSpan Duration { get; }
        /// <summary>Set when another attempt follows after this delay.</summary>
        public TimeSpan? RetryDelay { get; }

        public override string ToString()
        {
            var status = StatusCode.HasValue ? "HTTP " + StatusCode.Value : "no response";
            var error = ErrorCode == null ? "" : " " + ErrorCode;
            var retry = RetryDelay.HasValue ? $", retrying in {RetryDelay.Value.TotalMilliseconds:0} ms" : "";
            return $"{Service} {Operation} attempt {Attempt}: {status}{error} in {Duration.TotalMilliseconds:0} ms{retry}";
        }
    }
}
