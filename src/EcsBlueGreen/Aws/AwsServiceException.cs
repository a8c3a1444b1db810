using System;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// An error answer from an AWS service (or the simulator). One type for every service so cmdlets map
    /// ErrorCode to an ErrorRecord. Message is AWS's own message text; requests and credentials are never
    /// part of it.
    /// </summary>
    public sealed class AwsServiceException : Exception
    {
        public AwsServiceException(string service, string operation, string errorCode, string message,
            int statusCode, string? requestId, bool isThrottling)
            : base(string.IsNullOrEmpty(message) ? errorCode : message)
        {
            Service = service;
            Operation = operation;
            ErrorCode = errorCode;
            StatusCode = statusCode;
            RequestId = requestId;
            IsThrottling = isThrottling;
        }

        /// <summary>ECS, ECR or ELBv2.</summary>
        public string Service { get; }

        /// <summary>The API operation, e.g. UpdateService.</summary>
        public string Operation { get; }

        /// <summary>The sanitized error code, e.g. ServiceNotFoundException, TargetGroupNotFound.</summary>
        public string ErrorCode { get; }

        public int StatusCode { get; }

        public string? RequestId { get; }

        public bool IsThrottling { get; }

        public override string ToString() =>
            $"{Service} {Operation} failed: {ErrorCode} (HTTP {StatusCode}, request id {RequestId ?? "n/a"}): {Message}";
    }
}
