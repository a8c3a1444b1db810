using System;
using System.IO;
using EcsBlueGreen.Pipeline;

namespace EcsBlueGreen.Images
{
    /// <summary>What <see cref="ImagePublisher"/> works with besides the ECR API: caches that outlive one
    /// invocation, the builders, and the connection context stamped on the output.</summary>
    public sealed class ImagePublisherSettings
    {
        public EcrAuthTokenCache Tokens { get; set; } = new EcrAuthTokenCache();
        /// <summary>Identifies registry + principal in <see cref="Tokens"/> (see EcrAuthTokenCache.GetAsync).</summary>
        public string TokenCacheKey { get; set; } = "default";
        public BlobLocationCache Locations { get; set; } = new BlobLocationCache();
        public PushOptions Push { get; set; } = new PushOptions();
        public IImageBuilderLocator Builders { get; set; } = new ImageBuilderLocator();
        /// <summary>Makes the /v2/ client for a registry endpoint (tests plug a fake handler in here).</summary>
        public Func<Uri, IRegistryCredentialSource, RegistryClient> RegistryFactory { get; set; } = (endpoint, credentials) => new RegistryClient(endpoint, credentials);
        /// <summary>Where builds write their archive (a fresh subfolder per build, removed afterwards).</summary>
        public string WorkDirectory { get; set; } = Path.GetTempPath();

        public string Region { get; set; } = "";
        public string? EndpointUrl { get; set; }
        public string? ProfileName { get; set; }
        public AwsConnection? Connection { get; set; }
    }
}
