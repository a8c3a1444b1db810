using EcsBlueGreen.Errors;
using System;
using System.Collections.Generic;
using System.IO;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Errors.Classification
{
    /// <summary>
    /// Which catalogue entry a failure is. The module's own exceptions carry theirs; an AWS error answer is
    /// known by its error code, else by throttling and status; anything else still gets an entry, so no
    /// failure is ever reported without an id and a category.
    /// </summary>
    public static class ErrorClassifier
    {
        private static readonly Dictionary<string, ErrorDefinition> ByAwsErrorCode = new Dictionary<string, ErrorDefinition>(StringComparer.Ordinal)
        {
            ["AccessDeniedException"] = ErrorIds.AwsAccessDenied,
            ["AccessDenied"] = ErrorIds.AwsAccessDenied,
            ["UnauthorizedOperation"] = ErrorIds.AwsAccessDenied,
            ["UnrecognizedClientException"] = ErrorIds.AwsAuthenticationFailed,
            ["InvalidSignatureException"] = ErrorIds.AwsAuthenticationFailed,
            ["SignatureDoesNotMatch"] = ErrorIds.AwsAuthenticationFailed,
            ["IncompleteSignature"] = ErrorIds.AwsAuthenticationFailed,
            ["InvalidClientTokenId"] = ErrorIds.AwsAuthenticationFailed,
            ["MissingAuthenticationToken"] = ErrorIds.AwsAuthenticationFailed,
            ["ExpiredTokenException"] = ErrorIds.AwsAuthenticationFailed,
            ["ExpiredToken"] = ErrorIds.AwsAuthenticationFailed,
            ["RequestExpired"] = ErrorIds.AwsAuthenticationFailed,
            ["ClusterNotFoundException"] = ErrorIds.EcsClusterNotFound,
            ["ServiceNotFoundException"] = ErrorIds.ServiceNotFound,
            ["ServiceNotActiveException"] = ErrorIds.ServiceNotActive,
            ["ServiceDeploymentNotFoundException"] = ErrorIds.ServiceDeploymentNotFound,
            ["TargetGroupNotFound"] = ErrorIds.TargetGroupNotFound,
            ["RepositoryNotFoundException"] = ErrorIds.EcrRepositoryNotFound,
            ["ImageNotFoundException"] = ErrorIds.EcrImageNotFound,
            ["ImageTagAlreadyExistsException"] = ErrorIds.EcrImmutableTagConflict,
            ["ConflictException"] = ErrorIds.AwsConflict,
            ["UpdateInProgressException"] = ErrorIds.AwsConflict,
            ["ResourceInUseException"] = ErrorIds.AwsConflict,
            ["InvalidParameterException"] = ErrorIds.AwsInvalidParameter,
            ["ClientException"] = ErrorIds.AwsInvalidParameter,
            ["ValidationException"] = ErrorIds.AwsInvalidParameter,
            ["ValidationError"] = ErrorIds.AwsInvalidParameter,
            ["InvalidParameterValue"] = ErrorIds.AwsInvalidParameter,
            ["InvalidParameterCombination"] = ErrorIds.AwsInvalidParameter,
        };

        public static ErrorDefinition Classify(Exception failure)
        {
            switch (failure)
            {
                case EcsBlueGreenException known:
                    return known.Error;
                case AwsConfigurationException configuration:
                    return configuration.Error;
                case AwsServiceException aws:
                    return ForAwsError(aws.ErrorCode, aws.StatusCode, aws.IsThrottling);
                case AwsTransportException transport:
                    return transport.OutcomeUnknown ? ErrorIds.AwsOutcomeUnknown : ErrorIds.AwsNoAnswer;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    return Classify(aggregate.InnerExceptions[0]);
                case UnauthorizedAccessException _:
                    return ErrorIds.LocalFileAccessDenied;
                case IOException _:
                    return ErrorIds.LocalFileError;
                default:
                    return ErrorIds.UnexpectedError;
            }
        }

        /// <summary>An AWS error answer: its code when the catalogue knows it, else throttling, server-side
        /// failure or a refusal.</summary>
        public static ErrorDefinition ForAwsError(string? errorCode, int statusCode, bool isThrottling)
        {
            if (errorCode != null && ByAwsErrorCode.TryGetValue(errorCode, out var known))
            {
                return known;
            }

            if (isThrottling)
            {
                return ErrorIds.AwsThrottled;
            }

            return statusCode >= 500 ? ErrorIds.AwsServiceUnavailable : ErrorIds.AwsServiceError;
        }
    }
}
