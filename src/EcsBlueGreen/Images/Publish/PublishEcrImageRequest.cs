using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Images
{
    public enum PublishSource
    {
        /// <summary>Push an existing docker-save tar or OCI layout.</summary>
        Archive,
        /// <summary>Build with podman/docker, then push the result.</summary>
        Build,
        /// <summary>Add tags to an image already in the repository (server-side, no blob traffic).</summary>
        Promote,
    }

    /// <summary>One Publish-EcrImage invocation, as the core sees it (paths already resolved).</summary>
    public sealed class PublishEcrImageRequest
    {
        public PublishSource Source { get; set; }
        public string RepositoryName { get; set; } = "";
        public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();

        public string? ArchivePath { get; set; }
        /// <summary>Picks one image from a multi-platform archive; passed to the builder when building.</summary>
        public string? Platform { get; set; }

        public string? ContextPath { get; set; }
        /// <summary>Default: Dockerfile, else Containerfile, in the context.</summary>
        public string? DockerfilePath { get; set; }
        public IReadOnlyDictionary<string, string> BuildArgs { get; set; } = new Dictionary<string, string>();
        public ImageBuilderKind Builder { get; set; } = ImageBuilderKind.Auto;

        public string? SourceTag { get; set; }
        public string? SourceDigest { get; set; }

        public bool CreateRepository { get; set; }
        public bool ImmutableTags { get; set; }
        public bool ScanOnPush { get; set; }
    }
}
