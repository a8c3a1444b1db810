using System;
using System.Globalization;
using System.Net.Http;
using EcsBlueGreen.Aws.Credentials;
using EcsBlueGreen.Aws.Http;
using EcsBlueGreen.Aws.Protocol;
using EcsBlueGreen.Aws.Retry;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Elb;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// One resolved AWS context: region, credentials (fetched lazily), endpoints and one HttpClient,
    /// shared by the ECS, ECR and ELBv2 clients it creates. Dispose it when the cmdlet is done.
    /// </summary>
    public sealed class AwsSession : IDisposable
    {
        private readonly EndpointResolver _endpoints;
        private readonly ICredentialProvider _credentials;
        private readonly HttpClient _http;
        private readonly AwsSessionSettings _settings;
        private readonly RetryingInvoker _invoker;

        private AwsSession(string region, EndpointResolver endpoints, ResolvedCredentials credentials, int maxAttempts, AwsSessionSettings settings)
        {
            Region = region;
            _endpoints = endpoints;
            _credentials = credentials.Provider;
            CredentialSource = credentials.Source;
            MaxAttempts = maxAttempts;
            _settings = settings;
            _http = settings.HttpHandler != null
                ? new HttpClient(settings.HttpHandler, disposeHandler: false)
                : new HttpClient(DefaultHttpHandler.Create(allowAutoRedirect: true));
            // Attempts time out through RetryOptions.AttemptTimeout on the session clock, not HttpClient's own timer.
            _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            var retry = new RetryOptions
            {
                MaxAttempts = maxAttempts,
                BaseDelay = settings.Retry.BaseDelay,
                MaxDelay = settings.Retry.MaxDelay,
                Jitter = settings.Retry.Jitter,
                AttemptTimeout = settings.Retry.AttemptTimeout,
            };
            Quota = new RetryQuota();
            _invoker = new RetryingInvoker(retry, Quota, settings.Time, settings.Observer);
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
            var endpoints = new EndpointResolver(options.EndpointUrl, environment, region);
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

        public int MaxAttempts { get; }

        /// <summary>The retry token bucket shared by this session's clients.</summary>
        public RetryQuota Quota { get; }

        public Uri GetEndpoint(AwsServiceId service) => _endpoints.Resolve(service);

        /// <summary>The credentials this session signs with (e.g. for a registry login helper).</summary>
        public System.Threading.Tasks.Task<AwsCredentialSet> GetCredentialsAsync(System.Threading.CancellationToken cancellationToken) =>
            _credentials.GetCredentialsAsync(cancellationToken);

        public IEcsApi CreateEcsClient() => new EcsClient(CreateJsonClient(AwsServiceDescriptor.Ecs));

        public IEcrApi CreateEcrClient() => new EcrClient(CreateJsonClient(AwsServiceDescriptor.Ecr));

        public IElbApi CreateElbClient() =>
            new ElbClient(new QueryProtocolClient(CreateConnection(AwsServiceDescriptor.ElasticLoadBalancingV2), _invoker, ElbClient.ApiVersion));

        public void Dispose() => _http.Dispose();

        public override string ToString() =>
            $"Region={Region}, Credentials={CredentialSource}" + (EndpointUrl == null ? "" : ", Endpoint=" + EndpointUrl);

        internal JsonProtocolClient CreateJsonClient(AwsServiceDescriptor service) =>
            new JsonProtocolClient(CreateConnection(service), _invoker);

        private AwsServiceConnection CreateConnection(AwsServiceDescriptor service) =>
            new AwsServiceConnection(service, GetEndpoint(service.Id), Region, _http, _credentials, _settings.Time);

        private static int? ParsePositive(string? value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;

        private static int? ProfileMaxAttempts(ProfileStore store, string? profileName) =>
            profileName != null && store.TryGetProfile(profileName, out var profile) ? profile.MaxAttempts : null;
    }
}
