using System;

namespace EcsBlueGreen
{
    /// <summary>What kind of failure, so the PowerShell layer can pick an error category.</summary>
    public enum FailureKind
    {
        InvalidArgument,
        NotFound,
        Conflict,
        NotSupported,
        InvalidState,
        DeploymentFailed,
        Timeout,
        Stopped,
        MissingTool,
    }

    /// <summary>
    /// A failure the module explains itself (bad input, unsupported service, conflicting deployment...),
    /// with a stable id that becomes the ErrorRecord's FullyQualifiedErrorId. Messages say what to do.
    /// </summary>
    public class EcsBlueGreenException : Exception
    {
        public EcsBlueGreenException(string errorId, FailureKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
        }

        public string ErrorId { get; }

        public FailureKind Kind { get; }
    }
}
