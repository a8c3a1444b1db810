using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SSO;
using Amazon.SSO.Model;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>
    /// An SSO profile (sso_session or legacy sso_start_url): the access token that `aws sso login` cached in
    /// ~/.aws/sso/cache/&lt;sha1&gt;.json is exchanged for role credentials with SSO GetRoleCredentials
    /// (AWSSDK.SSO, unsigned). An absent or expired token is a clear error telling how to log in; we do not
    /// start an interactive login from a cmdlet.
    /// </summary>
    internal sealed class SsoFetcher
    {
        private readonly string _profileName;
        private readonly string _cacheKey;
        private readonly string _accountId;
        private readonly string _roleName;
        private readonly string _ssoRegion;
        private readonly string _homeDirectory;
        private readonly string? _endpointUrl;
        private readonly TimeProvider _time;

        public SsoFetcher(string profileName, string cacheKey, string accountId, string roleName, string ssoRegion,
            string homeDirectory, string? endpointUrl, TimeProvider time)
        {
            _profileName = profileName;
            _cacheKey = cacheKey;
            _accountId = accountId;
            _roleName = roleName;
            _ssoRegion = ssoRegion;
            _homeDirectory = homeDirectory;
            _endpointUrl = endpointUrl;
            _time = time;
        }

        /// <summary>The cache file name: SHA-1 of the sso_session name (or the legacy start URL), hex.</summary>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "The AWS CLI names its SSO cache files by SHA-1; this is a file name, not a security boundary.")]
        public static string CacheFileName(string cacheKey)
        {
            using (var sha1 = SHA1.Create())
            {
                var hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(cacheKey));
                var builder = new StringBuilder();
                foreach (var b in hash)
                {
                    builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }

                return builder.Append(".json").ToString();
            }
        }

        public async Task<TemporaryCredentials> FetchAsync(CancellationToken cancellationToken)
        {
            var token = ReadCachedToken();
            var config = new AmazonSSOConfig { IgnoreConfiguredEndpointUrls = true, MaxErrorRetry = 2 };
            SdkClientEndpoint.Apply(config, _ssoRegion, _endpointUrl);
            using (var sso = new AmazonSSOClient(new AnonymousAWSCredentials(), config))
            {
                GetRoleCredentialsResponse response;
                try
                {
                    response = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest
                    {
                        AccessToken = token,
                        AccountId = _accountId,
                        RoleName = _roleName,
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonServiceException ex)
                {
                    throw new AwsConfigurationException(ErrorIds.AwsCredentialsUnavailable,
                        $"SSO GetRoleCredentials for profile '{_profileName}' failed: {ex.ErrorCode}: {ex.Message}. " +
                        $"Run 'aws sso login --profile {_profileName}' and try again.", ex);
                }

                var role = response.RoleCredentials;
                DateTimeOffset? expiration = role.Expiration.HasValue
                    ? DateTimeOffset.FromUnixTimeMilliseconds(role.Expiration.Value)
                    : (DateTimeOffset?)null;
                return new TemporaryCredentials(new AwsCredentialSet(role.AccessKeyId, role.SecretAccessKey, role.SessionToken), expiration);
            }
        }

        private string ReadCachedToken()
        {
            var path = Path.Combine(_homeDirectory, ".aws", "sso", "cache", CacheFileName(_cacheKey));
            var loginHint = $"Run 'aws sso login --profile {_profileName}' to sign in.";
            if (!File.Exists(path))
            {
                throw new AwsConfigurationException(ErrorIds.AwsSsoTokenMissing,
                    $"Profile '{_profileName}' uses AWS IAM Identity Center (SSO) but no cached sign-in was found. {loginHint}");
            }

            using (var document = JsonDocument.Parse(File.ReadAllText(path)))
            {
                var root = document.RootElement;
                var token = root.TryGetProperty("accessToken", out var t) ? t.GetString() : null;
                var expiresAt = root.TryGetProperty("expiresAt", out var e) ? e.GetString() : null;
                if (string.IsNullOrEmpty(token))
                {
                    throw new AwsConfigurationException(ErrorIds.AwsSsoTokenMissing,
                        $"The cached SSO sign-in for profile '{_profileName}' holds no access token. {loginHint}");
                }

                if (expiresAt != null &&
                    DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiry) &&
                    expiry <= _time.GetUtcNow())
                {
                    throw new AwsConfigurationException(ErrorIds.AwsSsoTokenMissing,
                        $"The SSO sign-in for profile '{_profileName}' expired at {expiry:u}. {loginHint}");
                }

                return token!;
            }
        }
    }
}
