using System;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen
{
    /// <summary>
    /// A failure the module explains itself (bad input, unsupported service, conflicting deployment...),
    /// with its entry of the error catalogue, whose id becomes the ErrorRecord's FullyQualifiedErrorId.
    /// Messages say what to do.
    /// </summary>
    public class EcsBlueGreenException : Exception
    {
        public EcsBlueGreenException(ErrorDefinition error, string message, Exception? inner = null)
            : base(message, inner)
        {
            Error = error ?? throw new ArgumentNullException(nameof(error));
        }

        public ErrorDefinition Error { get; }

        public string ErrorId => Error.Id;
    }
}
