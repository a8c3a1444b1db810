using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>
    /// An assume-role profile (role_arn + source_profile or credential_source): STS AssumeRole with the
    /// source credentials, through AWSSDK.SecurityToken. We drive the STS client ourselves, rather than the
    /// SDK's profile factory, so its endpoint (AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL) comes from the same
    /// environment view as everything else and tests can point it at a loopback stub.
    /// </summary>
    internal sealed class AssumeRoleFetcher
    {
        private readonly ICredentialProvider _source;
        private readonly string _roleArn;
        private readonly string _sessionName;
        private readonly string? _externalId;
        private readonly int? _durationSeconds;
        private readonly string _region;
        private readonly string? _endpointUrl;

        public AssumeRoleFetcher(ICredentialProvider source, string roleArn, string? sessionName, string? externalId,
            int? durationSeconds, string region, string? endpointUrl, TimeProvider time)
        {
            _source = source;
            _roleArn = roleArn;
            _sessionName = string.IsNullOrEmpty(sessionName) ? "EcsBlueGreen-" + time.GetUtcNow().UtcTicks : sessionName!;
            _externalId = externalId;
            _durationSeconds = durationSeconds;
            _region = region;
            _endpointUrl = endpointUrl;
        }

        public async Task<TemporaryCredentials> FetchAsync(CancellationToken cancellationToken)
        {
            var source = await _source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            var config = new AmazonSecurityTokenServiceConfig { IgnoreConfiguredEndpointUrls = true, MaxErrorRetry = 2 };
            SdkClientEndpoint.Apply(config, _region, _endpointUrl);
            AWSCredentials sourceCredentials = source.SessionToken == null
                ? new BasicAWSCredentials(source.AccessKey, source.SecretKey)
                : new SessionAWSCredentials(source.AccessKey, source.SecretKey, source.SessionToken);
            using (var sts = new AmazonSecurityTokenServiceClient(sourceCredentials, config))
            {
                AssumeRoleResponse response;
                try
                {
                    response = await sts.AssumeRoleAsync(new AssumeRoleRequest
                    {
                        RoleArn = _roleArn,
                        RoleSessionName = _sessionName,
                        ExternalId = _externalId,
                        DurationSeconds = _durationSeconds,
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonServiceException ex)
                {
                    throw new AwsConfigurationException(ErrorIds.AwsCredentialsUnavailable,
                        $"Assuming role {_roleArn} failed: {ex.ErrorCode}: {ex.Message}", ex);
                }

                var credentials = response.Credentials;
                return new TemporaryCredentials(
                    new AwsCredentialSet(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
                    credentials.Expiration.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(credentials.Expiration.Value, DateTimeKind.Utc)) : (DateTimeOffset?)null);
            }
        }
    }

    internal static class SdkClientEndpoint
    {
        /// <summary>Regional endpoint by default; an explicit URL (loopback stub, VPC endpoint) when given.</summary>
        public static void Apply(ClientConfig config, string region, string? endpointUrl)
        {
            if (endpointUrl != null)
            {
                config.ServiceURL = endpointUrl;
                config.AuthenticationRegion = region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }
        }
    }
}
