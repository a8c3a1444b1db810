using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Pipeline
{
    /// <summary>
    /// The account, region and endpoint choices an object on the pipeline was made with, so the next
    /// cmdlet talks to the same place. Its public surface never holds a secret (it is safe to print or
    /// serialize); explicit keys given to the first cmdlet stay in memory, out of reach of formatting.
    /// </summary>
    public sealed class AwsConnection
    {
        internal AwsConnection(AwsConnectionOptions options, AwsSession session)
        {
            Options = options;
            Region = session.Region;
            EndpointUrl = options.EndpointUrl;
            ProfileName = options.ProfileName;
            CredentialSource = session.CredentialSource;
        }

        public string Region { get; }
        public string? EndpointUrl { get; }
        public string? ProfileName { get; }
        /// <summary>Where the credentials came from (parameters, environment, profile...), never the credentials.</summary>
        public string CredentialSource { get; }

        internal AwsConnectionOptions Options { get; }

        public static AwsConnection From(AwsConnectionOptions options, AwsSession session) => new AwsConnection(options, session);

        /// <summary>Options for a follow-up call: the original choices, with any explicit override on top.</summary>
        public AwsConnectionOptions MergeUnder(AwsConnectionOptions overrides) => AwsConnectionOptionsMerge.Merge(overrides, Options);

        public override string ToString() => EndpointUrl == null ? $"{Region} ({CredentialSource})" : $"{Region} via {EndpointUrl} ({CredentialSource})";
    }
}
