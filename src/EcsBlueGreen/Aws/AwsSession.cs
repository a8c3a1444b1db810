using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using EcsBlueGreen.Aws.Credentials;
using EcsBlueGreen.Aws.Http;
using EcsBlueGreen.Aws.Protocol;
using EcsBlueGreen.Aws.Retry;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// One resolved AWS context: region, credentials (fetched lazily), endpoints and one HttpClient,
    /// shared by the protocol clients made from it. The service clients are built on top of it in
    /// their own namespaces (EcsClientFactory, EcrClientFactory, ElbClientFactory), so this layer knows
    /// no service. Dispose it when the cmdlet is done.
    /// </summary>
    public sealed class AwsSession : IDisposable
    {
        private readonly EndpointResolver _endpoints;
        private readonly ICredentialProvider _credentials;
        private readonly Lazy<HttpClient> _http;
        private readonly AwsSessionSettings _settings;
        private readonly RetryingInvoker _invoker;

        private AwsSession(string region, EndpointResolver endpoints, ResolvedCredentials credentials, int maxAttempts, AwsSessionSettings settings)
        {
            Region = region;
            _endpoints = endpoints;
            _credentials = credentials.Provider;
            CredentialSource = credentials.Source;
            CredentialIdentity = credentials.Identity;
            MaxAttempts = maxAttempts;
            _settings = settings;
            if (settings.HttpHandler == null)
            {
                DefaultHttpHandler.RaiseTlsFloor();
            }

            // Made on first use: resolving a session is then configuration work only, and a session
            // that never calls (a cmdlet that fails its checks) opens nothing.
            _http = new Lazy<HttpClient>(() =>
            {
                var http = settings.HttpHandler != null
                    ? new HttpClient(settings.HttpHandler, disposeHandler: false)
                    : new HttpClient(DefaultHttpHandler.Create(allowAutoRedirect: true));
                // Attempts time out through RetryOptions.AttemptTimeout on the session clock, not HttpClient's own timer.
                http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                return http;
            });
            var retry = new RetryOptions
            {
                MaxAttempts = maxAttempts,
                BaseDelay = settings.Retry.BaseDelay,
                MaxDelay = settings.Retry.MaxDelay,
                Jitter = settings.Retry.Jitter,
                AttemptTimeout = settings.Retry.AttemptTimeout,
            };
            RetryPolicy = new RetryPolicy(retry, settings.Time);
            _invoker = new RetryingInvoker(RetryPolicy, settings.Observer);
        }

        public static AwsSession Resolve(AwsConnectionOptions options) =>
            Resolve(options, ProcessAwsEnvironment.Instance, new AwsSessionSettings());

        public static AwsSession Resolve(AwsConnectionOptions options, IAwsEnvironment environment) =>
            Resolve(options, environment, new AwsSessionSettings());

        public static AwsSession Resolve(AwsConnectionOptions options, IAwsEnvironment environment, AwsSessionSettings settings)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (environment == null) throw new ArgumentNullException(nameof(environment));
            if (settings == null) throw new ArgumentNullException(nameof(settings));

            var store = new ProfileStore(string.IsNullOrWhiteSpace(options.ProfileLocation) ? null : options.ProfileLocation, environment);
            var region = RegionChain.Resolve(options, environment, store);
            var endpoints = new EndpointResolver(options.EndpointUrl, environment, region, options.EndpointVariables);
            var profiles = new ProfileCredentialFactory(store, environment, settings.Time, region);
            var credentials = CredentialChain.Resolve(options, environment, store, profiles);
            var maxAttempts = options.MaxAttempts
                              ?? ParsePositive(environment.GetVariable("AWS_MAX_ATTEMPTS"))
                              ?? ProfileMaxAttempts(store, credentials.ProfileName)
                              ?? RetryOptions.DefaultMaxAttempts;
            return new AwsSession(region, endpoints, credentials, Math.Max(1, maxAttempts), settings);
        }

        public string Region { get; }

        /// <summary>The explicit or environment endpoint override, if any (for display).</summary>
        public string? EndpointUrl => _endpoints.DisplayOverride;

        /// <summary>Where the credentials come from, e.g. "parameters", "profile default"; never a secret.</summary>
        public string CredentialSource { get; }

        /// <summary>Which credentials this session signs with, for comparing sessions; no secret.</summary>
        internal CredentialIdentity CredentialIdentity { get; }

        public int MaxAttempts { get; }

        /// <summary>The retry token bucket shared by this session's clients.</summary>
        public RetryQuota Quota => RetryPolicy.Quota;

        /// <summary>How this session's clients retry, and the clock they wait and measure on: the AWS API
        /// clients, and the registry client a publish makes from this session.</summary>
        public RetryPolicy RetryPolicy { get; }

        /// <summary>The session's clock: every wait and retry of its clients runs on it.</summary>
        public TimeProvider Time => _settings.Time;

        public Uri GetEndpoint(AwsServiceId service) => _endpoints.Resolve(service);

        /// <summary>The URL that overrides a service's regional endpoint (-EndpointUrl or an AWS_ENDPOINT_URL* variable), or null.</summary>
        public string? EndpointOverrideFor(AwsServiceId service) => _endpoints.OverrideFor(service);

        /// <summary>The endpoint variables this session read, for a connection to carry on.</summary>
        internal IReadOnlyDictionary<string, string> EndpointVariables => _endpoints.EndpointVariables();

        /// <summary>The credentials this session signs with (e.g. for a registry login helper).</summary>
        public System.Threading.Tasks.Task<AwsCredentialSet> GetCredentialsAsync(System.Threading.CancellationToken cancellationToken) =>
            _credentials.GetCredentialsAsync(cancellationToken);

        /// <summary>Set once Dispose ran (for the invocation's bookkeeping and its tests).</summary>
        internal bool IsDisposed { get; private set; }

        public void Dispose()
        {
            IsDisposed = true;
            if (_http.IsValueCreated)
            {
                _http.Value.Dispose();
            }
        }

        public override string ToString() =>
            $"Region={Region}, Credentials={CredentialSource}" + (EndpointUrl == null ? "" : ", Endpoint=" + EndpointUrl);

        /// <summary>An awsJson 1.1 client for one service (ECS, ECR), on this session's HTTP client, credentials and retries.</summary>
        internal JsonProtocolClient CreateJsonClient(AwsServiceDescriptor service) =>
            new JsonProtocolClient(CreateConnection(service), _invoker);

        /// <summary>An awsQuery client for one service (ELBv2) at the given API version.</summary>
        internal QueryProtocolClient CreateQueryClient(AwsServiceDescriptor service, string apiVersion) =>
            new QueryProtocolClient(CreateConnection(service), _invoker, apiVersion);

        private AwsServiceConnection CreateConnection(AwsServiceDescriptor service) =>
            new AwsServiceConnection(service, GetEndpoint(service.Id), Region, _http.Value, _credentials, _settings.Time);

        private static int? ParsePositive(string? value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;

        private static int? ProfileMaxAttempts(ProfileStore store, string? profileName) =>
            profileName != null && store.TryGetProfile(profileName, out var profile) ? profile.MaxAttempts : null;
    }
}
