using System;

namespace EcsBlueGreen.Images
{
    /// <summary>A failure to validate, build, push or promote an image, with a stable id and the item at
    /// fault. Messages never hold registry passwords or AWS secrets.</summary>
    public class ImagePublishException : Exception
    {
        public ImagePublishException(string errorId, ImageErrorKind kind, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        /// <summary>One of <see cref="ImageErrorIds"/>.</summary>
        public string ErrorId { get; }

        public ImageErrorKind Kind { get; }

        /// <summary>The failing item (a tag, a path, a repository name, a digest).</summary>
        public object? Target { get; }
    }
}
