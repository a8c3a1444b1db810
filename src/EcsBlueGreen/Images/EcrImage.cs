using System;
using System.Collections.Generic;
using EcsBlueGreen.Pipeline;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// An image in an ECR repository, as Publish-EcrImage outputs it. <see cref="ImageUri"/> pins the
    /// digest, and binds to Start-EcsRollingDeployment's -Image (alias ImageUri) by property name; the
    /// connection properties let the next cmdlet talk to the same account and region. No secrets.
    /// </summary>
    public sealed class EcrImage
    {
        public string RepositoryName { get; set; } = "";
        /// <summary>&lt;registry&gt;/&lt;repository&gt;, e.g. 123456789012.dkr.ecr.eu-west-2.amazonaws.com/app.</summary>
        public string RepositoryUri { get; set; } = "";
        /// <summary>The registry host, e.g. 123456789012.dkr.ecr.eu-west-2.amazonaws.com.</summary>
        public string Registry { get; set; } = "";
        public string Region { get; set; } = "";
        public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();
        /// <summary>sha256 of the manifest.</summary>
        public string Digest { get; set; } = "";
        /// <summary>&lt;repositoryUri&gt;@&lt;digest&gt;: what a deployment should run.</summary>
        public string ImageUri => RepositoryUri + "@" + Digest;
        public string MediaType { get; set; } = "";
        /// <summary>What ECR reports as the image size (sum of compressed layers), else computed from the manifest.</summary>
        public long SizeBytes { get; set; }
        public DateTimeOffset? PushedAt { get; set; }
        public string? EndpointUrl { get; set; }
        public string? ProfileName { get; set; }
        /// <summary>The account/region/endpoint the image was published with (no secrets; hidden in views).</summary>
        public AwsConnection? Connection { get; set; }

        public override string ToString() => ImageUri;
    }
}
