using System;

namespace EcsBlueGreen.Images
{
    /// <summary>A failure to validate, build, push or promote an image, with a stable id and the item at
    /// fault. Messages never hold registry passwords or AWS secrets.</summary>
    public class ImagePublishException : EcsBlueGreenException
    {
        public ImagePublishException(string errorId, ImageErrorKind kind, string message, object? target = null, Exception? inner = null)
            : base(errorId, FailureKindOf(kind), message, inner)
        {
            ImageKind = kind;
            Target = target;
        }

        /// <summary>Finer than <see cref="EcsBlueGreenException.Kind"/>: the cmdlet picks its ErrorCategory from it.</summary>
        public ImageErrorKind ImageKind { get; }

        /// <summary>The failing item (a tag, a path, a repository name, a digest).</summary>
        public object? Target { get; }

        private static FailureKind FailureKindOf(ImageErrorKind kind)
        {
            switch (kind)
            {
                case ImageErrorKind.ObjectNotFound: return FailureKind.NotFound;
                case ImageErrorKind.ResourceExists: return FailureKind.Conflict;
                case ImageErrorKind.NotInstalled: return FailureKind.MissingTool;
                case ImageErrorKind.InvalidArgument:
                case ImageErrorKind.InvalidData: return FailureKind.InvalidArgument;
                default: return FailureKind.InvalidState;
            }
        }
    }
}
