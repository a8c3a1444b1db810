using System;
using System.Management.Automation;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// The module's error records: a stable FullyQualifiedErrorId per failure, a fitting category,
    /// the failing item as target object, the cause kept as the exception.
    /// </summary>
    internal static class ErrorCatalog
    {
        public static ErrorRecord Configuration(AwsConfigurationException ex) =>
            new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, null);

        public static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
            new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        public static ErrorRecord InvalidOperation(string errorId, string message, object? target) =>
            new ErrorRecord(new InvalidOperationException(message), errorId, ErrorCategory.InvalidOperation, target);

        public static ErrorRecord FromException(Exception ex, string errorIdPrefix, object? target)
        {
            if (ex is AwsServiceException aws)
            {
                return new ErrorRecord(aws, $"{errorIdPrefix}.{aws.ErrorCode}", CategoryFor(aws), target);
            }

            if (ex is AwsConfigurationException configuration)
            {
                return Configuration(configuration);
            }

            if (ex is AwsTransportException transport)
            {
                return new ErrorRecord(transport, $"{errorIdPrefix}.NoAnswer", ErrorCategory.ConnectionError, target);
            }

            if (ex is EcsBlueGreenException known)
            {
                return new ErrorRecord(known, known.ErrorId, CategoryFor(known.Kind), target);
            }

            return new ErrorRecord(ex, errorIdPrefix, ErrorCategory.NotSpecified, target);
        }

        private static ErrorCategory CategoryFor(AwsServiceException ex)
        {
            switch (ex.ErrorCode)
            {
                case "AccessDeniedException":
                case "AccessDenied":
                case "UnrecognizedClientException":
                case "InvalidSignatureException":
                case "ExpiredTokenException":
                    return ErrorCategory.SecurityError;
                case "ClusterNotFoundException":
                case "ServiceNotFoundException":
                case "RepositoryNotFoundException":
                case "ImageNotFoundException":
                case "ServiceDeploymentNotFoundException":
                case "TargetGroupNotFound":
                    return ErrorCategory.ObjectNotFound;
                case "ServiceNotActiveException":
                case "ImageTagAlreadyExistsException":
                case "ConflictException":
                    return ErrorCategory.ResourceUnavailable;
                case "InvalidParameterException":
                case "ClientException":
                    return ErrorCategory.InvalidArgument;
                case "ThrottlingException":
                    return ErrorCategory.LimitsExceeded;
                default:
                    return ex.StatusCode >= 500 ? ErrorCategory.ConnectionError : ErrorCategory.InvalidOperation;
            }
        }

        private static ErrorCategory CategoryFor(FailureKind kind)
        {
            switch (kind)
            {
                case FailureKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case FailureKind.NotFound: return ErrorCategory.ObjectNotFound;
                case FailureKind.Conflict: return ErrorCategory.ResourceExists;
                case FailureKind.NotSupported: return ErrorCategory.NotImplemented;
                case FailureKind.InvalidState: return ErrorCategory.InvalidOperation;
                case FailureKind.DeploymentFailed: return ErrorCategory.InvalidResult;
                case FailureKind.Timeout: return ErrorCategory.OperationTimeout;
                case FailureKind.Stopped: return ErrorCategory.OperationStopped;
                case FailureKind.MissingTool: return ErrorCategory.ObjectNotFound;
                default: return ErrorCategory.InvalidOperation;
            }
        }
    }
}
