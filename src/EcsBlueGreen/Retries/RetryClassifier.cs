using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Retries
{
    /// <summary>
    /// Which failed answers are worth another attempt, for the AWS APIs and the registry alike: the
    /// error code decides first (throttling, request timeouts), then the HTTP status.
    /// </summary>
    public static class RetryClassifier
    {
        // The throttling codes the AWS SDKs' standard retry mode knows.
        private static readonly HashSet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
            "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
            // The OCI distribution API's code for 429.
            "TOOMANYREQUESTS",
        };

        private static readonly HashSet<string> TransientCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
        };

        public static bool IsThrottling(string? errorCode, int statusCode)
        {
            if (statusCode == 429)
            {
                return true;
            }

            if (string.IsNullOrEmpty(errorCode))
            {
                return false;
            }

            // ECR documents "ThrottleException", which is not in the SDK list; any Throttl* code is throttling.
            return ThrottlingCodes.Contains(errorCode!) || errorCode!.StartsWith("Throttl", StringComparison.Ordinal);
        }

        /// <summary>An error answer another attempt may cure: throttled, timed out on the server, or a
        /// server-side failure (500, 502, 503, 504; 501 and other 5xx are not transient).</summary>
        public static bool IsRetryable(string? errorCode, int statusCode)
        {
            if (IsThrottling(errorCode, statusCode) || (errorCode != null && TransientCodes.Contains(errorCode)))
            {
                return true;
            }

            return statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504;
        }
    }
}
