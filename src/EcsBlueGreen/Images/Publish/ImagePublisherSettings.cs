using System;
using System.IO;
using EcsBlueGreen.Pipeline;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Images
{
    /// <summary>What <see cref="ImagePublisher"/> works with besides the ECR API: caches that outlive one
    /// invocation, the builders, and the connection context stamped on the output.</summary>
    public sealed class ImagePublisherSettings
    {
        /// <param name="retry">The session's retry policy (and with it the session's clock): the registry
        /// client retries under it like the ECR API calls do.</param>
        public ImagePublisherSettings(RetryPolicy retry)
        {
            Retry = retry ?? throw new ArgumentNullException(nameof(retry));
        }

        public RetryPolicy Retry { get; }
        public EcrAuthTokenCache Tokens { get; set; } = new EcrAuthTokenCache();
        /// <summary>Identifies registry + principal in <see cref="Tokens"/> (see EcrAuthTokenCache.GetAsync).</summary>
        public string TokenCacheKey { get; set; } = "default";
        public BlobLocationCache Locations { get; set; } = new BlobLocationCache();
        public PushOptions Push { get; set; } = new PushOptions();
        public IImageBuilderLocator Builders { get; set; } = new ImageBuilderLocator();
        /// <summary>Makes the /v2/ client for a registry endpoint (tests plug a fake handler in here).</summary>
        public Func<Uri, IRegistryCredentialSource, RetryPolicy, RegistryClient> RegistryFactory { get; set; } = (endpoint, credentials, retry) => new RegistryClient(endpoint, credentials, retry);
        /// <summary>Where builds write their archive (a fresh subfolder per build, removed afterwards).</summary>
        public string WorkDirectory { get; set; } = Path.GetTempPath();

        public string Region { get; set; } = "";
        public string? EndpointUrl { get; set; }
        public string? ProfileName { get; set; }
        public AwsConnection? Connection { get; set; }
    }
}
