using System;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// The session cannot be set up: no region, no credentials, a broken profile. The catalogue entry
    /// (ErrorIds.Aws*) gives the stable id cmdlets report; the message says how to fix it and never holds
    /// a secret.
    /// </summary>
    public sealed class AwsConfigurationException : Exception
    {
        public AwsConfigurationException(ErrorDefinition error, string message, Exception? inner = null)
            : base(message, inner)
        {
            Error = error ?? throw new ArgumentNullException(nameof(error));
        }

        public ErrorDefinition Error { get; }

        public string ErrorId => Error.Id;
    }
}
