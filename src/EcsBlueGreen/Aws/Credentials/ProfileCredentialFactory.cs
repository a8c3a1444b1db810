using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>
    /// Credentials from a named profile: static keys, assume-role (source_profile or credential_source),
    /// SSO; anything else (credential_process, web identity...) through AWSSDK.Core's own factory.
    /// </summary>
    internal sealed class ProfileCredentialFactory
    {
        private readonly ProfileStore _store;
        private readonly IAwsEnvironment _environment;
        private readonly TimeProvider _time;
        private readonly string? _sessionRegion;

        public ProfileCredentialFactory(ProfileStore store, IAwsEnvironment environment, TimeProvider time, string? sessionRegion)
        {
            _store = store;
            _environment = environment;
            _time = time;
            _sessionRegion = sessionRegion;
        }

        public ICredentialProvider Create(string profileName) => Create(profileName, new HashSet<string>(StringComparer.Ordinal));

        private ICredentialProvider Create(string profileName, HashSet<string> visited)
        {
            if (!visited.Add(profileName))
            {
                throw new AwsConfigurationException(ErrorIds.AwsProfileInvalid,
                    $"Profile '{profileName}' is part of a source_profile loop ({string.Join(" -> ", visited)} -> {profileName}).");
            }

            if (!_store.TryGetProfile(profileName, out var profile))
            {
                throw new AwsConfigurationException(ErrorIds.AwsProfileNotFound,
                    $"AWS profile '{profileName}' was not found in {_store.Location} (or its config file).");
            }

            var options = profile.Options;
            if (!string.IsNullOrEmpty(options.RoleArn) && string.IsNullOrEmpty(options.WebIdentityTokenFile))
            {
                return AssumeRole(profile, visited);
            }

            if (!string.IsNullOrEmpty(options.SsoAccountId) && !string.IsNullOrEmpty(options.SsoRoleName))
            {
                return Sso(profile);
            }

            if (!string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrEmpty(options.SecretKey))
            {
                return new StaticCredentialProvider(new AwsCredentialSet(options.AccessKey, options.SecretKey, options.Token));
            }

            if (AWSCredentialsFactory.TryGetAWSCredentials(profile, _store.Source, out var sdkCredentials) && sdkCredentials != null)
            {
                return DuckTypedCredentialProvider.TryCreate(sdkCredentials)!;
            }

            throw new AwsConfigurationException(ErrorIds.AwsProfileInvalid,
                $"AWS profile '{profileName}' holds no usable credentials (no keys, role, SSO or credential_process).");
        }

        private ICredentialProvider AssumeRole(CredentialProfile profile, HashSet<string> visited)
        {
            var options = profile.Options;
            if (!string.IsNullOrEmpty(options.MfaSerial))
            {
                throw new AwsConfigurationException(ErrorIds.AwsProfileInvalid,
                    $"Profile '{profile.Name}' needs an MFA code (mfa_serial), which a non-interactive cmdlet cannot ask for. " +
                    "Use temporary credentials (-Credential, AWS_SESSION_TOKEN) or an SSO profile.");
            }

            ICredentialProvider source;
            if (!string.IsNullOrEmpty(options.SourceProfile))
            {
                source = Create(options.SourceProfile, visited);
            }
            else
            {
                source = CredentialSource(profile.Name, options.CredentialSource);
            }

            var region = profile.Region?.SystemName ?? _sessionRegion ?? "us-east-1";
            var endpoint = _environment.GetVariable("AWS_ENDPOINT_URL_STS") ?? _environment.GetVariable("AWS_ENDPOINT_URL");
            var fetcher = new AssumeRoleFetcher(source, options.RoleArn, options.RoleSessionName, options.ExternalID, null, region, endpoint, _time);
            return new RefreshingCredentialProvider(fetcher.FetchAsync, _time);
        }

        private ICredentialProvider CredentialSource(string profileName, string? credentialSource)
        {
            switch (credentialSource)
            {
                case "Environment":
                    var accessKey = _environment.GetVariable("AWS_ACCESS_KEY_ID");
                    var secretKey = _environment.GetVariable("AWS_SECRET_ACCESS_KEY");
                    if (accessKey == null || secretKey == null)
                    {
                        throw new AwsConfigurationException(ErrorIds.AwsProfileInvalid,
                            $"Profile '{profileName}' takes credential_source = Environment, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set.");
                    }

                    return new StaticCredentialProvider(new AwsCredentialSet(accessKey, secretKey, _environment.GetVariable("AWS_SESSION_TOKEN")));
                case "EcsContainer":
                    return new LazyCredentialProvider(() => DuckTypedCredentialProvider.TryCreate(new GenericContainerCredentials())!);
                case "Ec2InstanceMetadata":
                    return new LazyCredentialProvider(() => DuckTypedCredentialProvider.TryCreate(new InstanceProfileAWSCredentials())!);
                default:
                    throw new AwsConfigurationException(ErrorIds.AwsProfileInvalid,
                        $"Profile '{profileName}' has role_arn but neither source_profile nor a known credential_source " +
                        "(Environment, EcsContainer, Ec2InstanceMetadata).");
            }
        }

        private ICredentialProvider Sso(CredentialProfile profile)
        {
            var options = profile.Options;
            var cacheKey = !string.IsNullOrEmpty(options.SsoSession) ? options.SsoSession : options.SsoStartUrl;
            if (string.IsNullOrEmpty(cacheKey) || string.IsNullOrEmpty(options.SsoRegion))
            {
                throw new AwsConfigurationException(ErrorIds.AwsProfileInvalid,
                    $"SSO profile '{profile.Name}' needs sso_session (with sso_region and sso_start_url) or sso_start_url and sso_region.");
            }

            var endpoint = _environment.GetVariable("AWS_ENDPOINT_URL_SSO") ?? _environment.GetVariable("AWS_ENDPOINT_URL");
            var fetcher = new SsoFetcher(profile.Name, cacheKey, options.SsoAccountId, options.SsoRoleName, options.SsoRegion,
                _environment.HomeDirectory, endpoint, _time);
            return new RefreshingCredentialProvider(fetcher.FetchAsync, _time);
        }
    }
}
