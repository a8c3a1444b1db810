using System;
using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Aws.Credentials;

namespace EcsBlueGreen.Pipeline
{
    /// <summary>
    /// The account, region and endpoint choices an object on the pipeline was made with, so the next
    /// cmdlet talks to the same place. Its public surface never holds a secret (it is safe to print or
    /// serialize); explicit keys given to the first cmdlet stay in memory, out of reach of formatting.
    /// </summary>
    /// <remarks>
    /// Two connections are equal when a session resolved from either signs with the same credentials
    /// (<see cref="CredentialIdentity"/>: profile name and file, access key id and a secret's
    /// fingerprint, or the same credentials object), for the same region, at the same endpoint
    /// override, with the same retry budget: a fleet's objects then share one session and one client,
    /// and so one DescribeServices per 10 services. The account is not compared because it is not
    /// known without a call; the credentials determine it.
    /// </remarks>
    public sealed class AwsConnection : IEquatable<AwsConnection>
    {
        private readonly string _endpointKey;
        private readonly Dictionary<AwsServiceId, string?> _serviceEndpoints = new Dictionary<AwsServiceId, string?>();

        internal AwsConnection(AwsConnectionOptions options, AwsSession session)
        {
            // The endpoint variables are taken as they are now, so an object made with
            // AWS_ENDPOINT_URL_ECS leads the next cmdlet to that endpoint whatever the environment says by then.
            Options = Snapshot(options, session);
            Region = session.Region;
            foreach (AwsServiceId id in Enum.GetValues(typeof(AwsServiceId)))
            {
                _serviceEndpoints[id] = session.EndpointOverrideFor(id);
            }

            EndpointUrl = options.EndpointUrl ?? session.EndpointUrl;
            ProfileName = options.ProfileName;
            CredentialSource = session.CredentialSource;
            Credentials = session.CredentialIdentity;
            MaxAttempts = session.MaxAttempts;
            _endpointKey = string.Join("|", _serviceEndpoints.OrderBy(e => e.Key).Select(e => EndpointKey(e.Value)));
        }

        public string Region { get; }

        /// <summary>The endpoint override every service shares (-EndpointUrl or AWS_ENDPOINT_URL), if any.</summary>
        public string? EndpointUrl { get; }
        public string? ProfileName { get; }
        /// <summary>Where the credentials came from (parameters, environment, profile...), never the credentials.</summary>
        public string CredentialSource { get; }

        internal AwsConnectionOptions Options { get; }

        internal CredentialIdentity Credentials { get; }

        internal int MaxAttempts { get; }

        /// <summary>Where one service is reached when not at its regional endpoint: -EndpointUrl, its
        /// AWS_ENDPOINT_URL_* variable or AWS_ENDPOINT_URL, as they were when this connection was made.</summary>
        public string? EndpointUrlFor(AwsServiceId service) => _serviceEndpoints.TryGetValue(service, out var url) ? url : null;

        public static AwsConnection From(AwsConnectionOptions options, AwsSession session) => new AwsConnection(options, session);

        /// <summary>Options for a follow-up call: the original choices, with any explicit override on top.</summary>
        public AwsConnectionOptions MergeUnder(AwsConnectionOptions overrides) => AwsConnectionOptionsMerge.Merge(overrides, Options);

        public bool Equals(AwsConnection? other) =>
            other != null &&
            string.Equals(Region, other.Region, StringComparison.Ordinal) &&
            string.Equals(_endpointKey, other._endpointKey, StringComparison.Ordinal) &&
            MaxAttempts == other.MaxAttempts &&
            Credentials.Equals(other.Credentials);

        public override bool Equals(object? obj) => Equals(obj as AwsConnection);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(Region);
                hash = hash * 31 + (_endpointKey == null ? 0 : StringComparer.Ordinal.GetHashCode(_endpointKey));
                hash = hash * 31 + MaxAttempts;
                return hash * 31 + Credentials.GetHashCode();
            }
        }

        public static bool operator ==(AwsConnection? left, AwsConnection? right) => left is null ? right is null : left.Equals(right);

        public static bool operator !=(AwsConnection? left, AwsConnection? right) => !(left == right);

        public override string ToString()
        {
            var endpoint = EndpointUrl ?? EndpointUrlFor(AwsServiceId.Ecs);
            return endpoint == null ? $"{Region} ({CredentialSource})" : $"{Region} via {endpoint} ({CredentialSource})";
        }

        private static AwsConnectionOptions Snapshot(AwsConnectionOptions options, AwsSession session)
        {
            if (options.EndpointVariables != null)
            {
                return options;
            }

            var copy = AwsConnectionOptionsMerge.Merge(options, new AwsConnectionOptions());
            copy.EndpointVariables = session.EndpointVariables;
            return copy;
        }

        // http://127.0.0.1:5000 and http://127.0.0.1:5000/ are one endpoint (Uri lower-cases scheme and host).
        private static string EndpointKey(string? url) =>
            url == null ? "" : Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? uri.AbsoluteUri.TrimEnd('/') : url.Trim();
    }
}
