using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Aws.Retry
{
    /// <summary>Which failures the standard retry mode retries (docs/aws-access.md, "Retries"): the error code decides
    /// first, then the HTTP status.</summary>
    public static class RetryClassifier
    {
        // The SDKs' throttling list (botocore standard.py / AWSSDK.Core StandardRetryPolicy).
        private static readonly HashSet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
            "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
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

        public static bool IsRetryable(AwsServiceException error)
        {
            if (error.IsThrottling || TransientCodes.Contains(error.ErrorCode))
            {
                return true;
            }

            return error.StatusCode == 500 || error.StatusCode == 502 || error.StatusCode == 503 || error.StatusCode == 504;
        }
    }
}
