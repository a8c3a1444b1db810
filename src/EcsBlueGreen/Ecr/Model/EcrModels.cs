using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Ecr.Model
{
    /// <summary>A registry login. ToString never shows the password.</summary>
    public sealed class EcrAuthorization
    {
        public EcrAuthorization(string userName, string password, string proxyEndpoint, DateTimeOffset expiresAt)
        {
            UserName = userName;
            Password = password;
            ProxyEndpoint = proxyEndpoint;
            ExpiresAt = expiresAt;
        }

        public string UserName { get; }
        public string Password { get; }
        /// <summary>https://&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com, or the simulator.</summary>
        public string ProxyEndpoint { get; }
        public DateTimeOffset ExpiresAt { get; }

        public override string ToString() => $"{UserName}@{ProxyEndpoint} (expires {ExpiresAt:u})";
    }

    public sealed class EcrRepository
    {
        public string RepositoryName { get; set; } = "";
        public string RepositoryUri { get; set; } = "";
        public string RepositoryArn { get; set; } = "";
        public string RegistryId { get; set; } = "";
        /// <summary>MUTABLE or IMMUTABLE (or the *_WITH_EXCLUSION variants).</summary>
        public string ImageTagMutability { get; set; } = "MUTABLE";
        public bool ScanOnPush { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public bool IsImmutable => ImageTagMutability.StartsWith("IMMUTABLE", StringComparison.Ordinal);
    }

    /// <summary>imageId: a tag, a digest, or both.</summary>
    public sealed class EcrImageId
    {
        public string? ImageTag { get; set; }
        public string? ImageDigest { get; set; }

        public static EcrImageId ForTag(string tag) => new EcrImageId { ImageTag = tag };
        public static EcrImageId ForDigest(string digest) => new EcrImageId { ImageDigest = digest };
    }

    public sealed class EcrImageDetail
    {
        public string RepositoryName { get; set; } = "";
        public string ImageDigest { get; set; } = "";
        public IReadOnlyList<string> ImageTags { get; set; } = Array.Empty<string>();
        public long? ImageSizeInBytes { get; set; }
        public DateTimeOffset? ImagePushedAt { get; set; }
        public string? ImageManifestMediaType { get; set; }
    }

    public sealed class EcrImageManifest
    {
        public EcrImageId ImageId { get; set; } = new EcrImageId();
        public string ImageManifest { get; set; } = "";
        public string? ImageManifestMediaType { get; set; }
    }
}
