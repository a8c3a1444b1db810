using System;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// Endpoint per service, first match wins: -EndpointUrl; AWS_ENDPOINT_URL_ECS / _ECR /
    /// _ELASTIC_LOAD_BALANCING_V2; AWS_ENDPOINT_URL; https://{prefix}.{region}.{partition dns suffix}.
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the environment variables off, as in the SDKs.
    /// </summary>
    internal sealed class EndpointResolver
    {
        private readonly string? _explicitUrl;
        private readonly IAwsEnvironment _environment;
        private readonly string _region;

        public EndpointResolver(string? explicitUrl, IAwsEnvironment environment, string region)
        {
            _explicitUrl = string.IsNullOrWhiteSpace(explicitUrl) ? null : explicitUrl!.Trim();
            _environment = environment;
            _region = region;
            if (_explicitUrl != null)
            {
                Parse(_explicitUrl, "-EndpointUrl");
            }
        }

        /// <summary>-EndpointUrl, else AWS_ENDPOINT_URL (the general override), for display.</summary>
        public string? DisplayOverride => _explicitUrl ?? (IgnoreEnvironment ? null : _environment.GetVariable("AWS_ENDPOINT_URL"));

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
