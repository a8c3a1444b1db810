using System;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// The session cannot be set up: no region, no credentials, a broken profile. ErrorId is stable
    /// (cmdlets use it as FullyQualifiedErrorId); the message says how to fix it and never holds a secret.
    /// </summary>
    public sealed class AwsConfigurationException : Exception
    {
        public const string MissingRegion = "AwsRegionMissing";
        public const string MissingCredentials = "AwsCredentialsMissing";
        public const string ProfileNotFound = "AwsProfileNotFound";
        public const string ProfileInvalid = "AwsProfileInvalid";
        public const string CredentialObjectInvalid = "AwsCredentialObjectInvalid";
        public const string EndpointInvalid = "AwsEndpointInvalid";
        public const string SsoTokenMissing = "AwsSsoTokenMissing";
        public const string CredentialsUnavailable = "AwsCredentialsUnavailable";

        public AwsConfigurationException(string errorId, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }
    }
}
