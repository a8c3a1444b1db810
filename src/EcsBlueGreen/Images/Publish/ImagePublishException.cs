using System;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Images
{
    /// <summary>A failure to validate, build, push or promote an image, with its catalogue entry and the
    /// item at fault. Messages never hold registry passwords or AWS secrets.</summary>
    public class ImagePublishException : EcsBlueGreenException
    {
        public ImagePublishException(ErrorDefinition error, string message, object? target = null, Exception? inner = null)
            : base(error, message, inner)
        {
            Target = target;
        }

        /// <summary>The failing item (a tag, a path, a repository name, a digest).</summary>
        public object? Target { get; }
    }
}
