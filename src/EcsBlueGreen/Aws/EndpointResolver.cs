using System;
using System.Collections.Generic;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// Endpoint per service, first match wins: -EndpointUrl; AWS_ENDPOINT_URL_ECS / _ECR /
    /// _ELASTIC_LOAD_BALANCING_V2; AWS_ENDPOINT_URL; https://{prefix}.{region}.{partition dns suffix}.
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the environment variables off, as in the SDKs.
    /// Given a snapshot of those variables (taken when an upstream object was made), it reads the
    /// snapshot instead of the environment, so a pipeline keeps talking to the place it started at.
    /// </summary>
    internal sealed class EndpointResolver
    {
        private readonly string? _explicitUrl;
        private readonly IAwsEnvironment _environment;
        private readonly string _region;

        public EndpointResolver(string? explicitUrl, IAwsEnvironment environment, string region)
            : this(explicitUrl, environment, region, null)
        {
        }

        public EndpointResolver(string? explicitUrl, IAwsEnvironment environment, string region, IReadOnlyDictionary<string, string>? endpointVariables)
        {
            _explicitUrl = string.IsNullOrWhiteSpace(explicitUrl) ? null : explicitUrl!.Trim();
            _environment = endpointVariables == null ? environment : new FixedAwsEnvironment(endpointVariables, environment.HomeDirectory);
            _region = region;
            if (_explicitUrl != null)
            {
                Parse(_explicitUrl, "-EndpointUrl");
            }
        }

        /// <summary>-EndpointUrl, else AWS_ENDPOINT_URL (the general override), for display.</summary>
        public string? DisplayOverride => _explicitUrl ?? (IgnoreEnvironment ? null : _environment.GetVariable("AWS_ENDPOINT_URL"));

        /// <summary>
        /// The endpoint variables in effect (AWS_ENDPOINT_URL_ECS / _ECR / _ELASTIC_LOAD_BALANCING_V2,
        /// AWS_ENDPOINT_URL), empty when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns them off.
        /// </summary>
        public IReadOnlyDictionary<string, string> EndpointVariables()
        {
            var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (IgnoreEnvironment)
            {
                return variables;
            }

            foreach (AwsServiceId id in Enum.GetValues(typeof(AwsServiceId)))
            {
                var name = AwsServiceDescriptor.For(id).EndpointVariable;
                var value = _environment.GetVariable(name);
                if (value != null)
                {
                    variables[name] = value;
                }
            }

            var general = _environment.GetVariable("AWS_ENDPOINT_URL");
            if (general != null)
            {
                variables["AWS_ENDPOINT_URL"] = general;
            }

            return variables;
        }

        /// <summary>The URL that overrides a service's regional endpoint (parameter or variable), or null.</summary>
        public string? OverrideFor(AwsServiceId serviceId)
        {
            if (_explicitUrl != null)
            {
                return _explicitUrl;
            }

            if (IgnoreEnvironment)
            {
                return null;
            }

            return _environment.GetVariable(AwsServiceDescriptor.For(serviceId).EndpointVariable) ?? _environment.GetVariable("AWS_ENDPOINT_URL");
        }

        private bool IgnoreEnvironment =>
            string.Equals(_environment.GetVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase);

        public Uri Resolve(AwsServiceId serviceId)
        {
            var service = AwsServiceDescriptor.For(serviceId);
            if (_explicitUrl != null)
            {
                return Parse(_explicitUrl, "-EndpointUrl");
            }

            if (!IgnoreEnvironment)
            {
                var specific = _environment.GetVariable(service.EndpointVariable);
                if (specific != null)
                {
                    return Parse(specific, service.EndpointVariable);
                }

                var general = _environment.GetVariable("AWS_ENDPOINT_URL");
                if (general != null)
                {
                    return Parse(general, "AWS_ENDPOINT_URL");
                }
            }

            return new Uri($"https://{service.EndpointPrefix}.{_region}.{AwsPartitions.DnsSuffixFor(_region)}/");
        }

        private static Uri Parse(string value, string origin)
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
                (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            throw new AwsConfigurationException(ErrorIds.AwsEndpointInvalid,
                $"{origin} must be an absolute http:// or https:// URL (got '{value}').");
        }
    }
}
