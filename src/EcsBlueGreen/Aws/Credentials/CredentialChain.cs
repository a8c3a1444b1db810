using System;
using Amazon.Runtime;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>
    /// Picks the credentials the way AWS.Tools users expect, first match wins:
    /// 1 -Credential; 2 -AccessKey/-SecretKey[/-SessionToken]; 3 -ProfileName (from -ProfileLocation if given);
    /// 4 $StoredAWSCredentials (credentials object or profile name); 5 AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
    /// [/AWS_SESSION_TOKEN]; 6 AWS_PROFILE; 7 the 'default' profile; 8 container credentials
    /// (AWS_CONTAINER_CREDENTIALS_*); 9 EC2 instance profile unless AWS_EC2_METADATA_DISABLED=true.
    /// Nothing is fetched here; providers fetch on first use.
    /// </summary>
    internal static class CredentialChain
    {
        public static ResolvedCredentials Resolve(AwsConnectionOptions options, IAwsEnvironment environment,
            ProfileStore store, ProfileCredentialFactory profiles)
        {
            if (options.Credential != null)
            {
                var provider = DuckTypedCredentialProvider.TryCreate(options.Credential)
                               ?? throw new AwsConfigurationException(ErrorIds.AwsCredentialObjectInvalid,
                                   $"-Credential must be an AWSCredentials object (got {options.Credential.GetType().FullName}).");
                return new ResolvedCredentials(provider, "-Credential", CredentialIdentity.ForObject(provider.Source));
            }

            if (!string.IsNullOrEmpty(options.AccessKey) || !string.IsNullOrEmpty(options.SecretKey))
            {
                if (string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey))
                {
                    throw new AwsConfigurationException(ErrorIds.AwsCredentialObjectInvalid,
                        "-AccessKey and -SecretKey must be given together.");
                }

                var keys = new AwsCredentialSet(options.AccessKey!, options.SecretKey!, options.SessionToken);
                return new ResolvedCredentials(new StaticCredentialProvider(keys), "parameters", CredentialIdentity.ForKeys(keys));
            }

            if (!string.IsNullOrEmpty(options.ProfileName))
            {
                return Profile(profiles, store, options.ProfileName!, "profile " + options.ProfileName);
            }

            if (options.StoredCredentials is string storedProfile && storedProfile.Length > 0)
            {
                return Profile(profiles, store, storedProfile, "$StoredAWSCredentials (profile " + storedProfile + ")");
            }

            if (options.StoredCredentials != null && !(options.StoredCredentials is string))
            {
                var provider = DuckTypedCredentialProvider.TryCreate(options.StoredCredentials)
                               ?? throw new AwsConfigurationException(ErrorIds.AwsCredentialObjectInvalid,
                                   $"$StoredAWSCredentials holds {options.StoredCredentials.GetType().FullName}, not AWS credentials.");
                return new ResolvedCredentials(provider, "$StoredAWSCredentials", CredentialIdentity.ForObject(provider.Source));
            }

            var accessKey = environment.GetVariable("AWS_ACCESS_KEY_ID");
            var secretKey = environment.GetVariable("AWS_SECRET_ACCESS_KEY");
            if (accessKey != null && secretKey != null)
            {
                var keys = new AwsCredentialSet(accessKey, secretKey, environment.GetVariable("AWS_SESSION_TOKEN"));
                return new ResolvedCredentials(new StaticCredentialProvider(keys), "environment", CredentialIdentity.ForKeys(keys));
            }

            var envProfile = environment.GetVariable("AWS_PROFILE");
            if (envProfile != null)
            {
                return Profile(profiles, store, envProfile, "profile " + envProfile + " (AWS_PROFILE)");
            }

            if (store.TryGetProfile("default", out _))
            {
                return Profile(profiles, store, "default", "profile default");
            }

            if (environment.GetVariable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null ||
                environment.GetVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null)
            {
                return new ResolvedCredentials(
                    new LazyCredentialProvider(() => DuckTypedCredentialProvider.TryCreate(new GenericContainerCredentials())!),
                    "container", CredentialIdentity.ForAmbient("container"));
            }

            if (!string.Equals(environment.GetVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
            {
                return new ResolvedCredentials(
                    new LazyCredentialProvider(() => DuckTypedCredentialProvider.TryCreate(new InstanceProfileAWSCredentials())!),
                    "instance profile", CredentialIdentity.ForAmbient("instance profile"));
            }

            throw new AwsConfigurationException(ErrorIds.AwsCredentialsMissing,
                "No AWS credentials found. Pass -Credential, -AccessKey/-SecretKey or -ProfileName; run Set-AWSCredential " +
                "($StoredAWSCredentials); set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE; or add a 'default' profile to " +
                store.Location + ".");
        }

        private static ResolvedCredentials Profile(ProfileCredentialFactory profiles, ProfileStore store, string profileName, string source) =>
            new ResolvedCredentials(profiles.Create(profileName), source, CredentialIdentity.ForProfile(profileName, store.Location), profileName);
    }

    internal sealed class ResolvedCredentials
    {
        public ResolvedCredentials(ICredentialProvider provider, string source, CredentialIdentity identity, string? profileName = null)
        {
            Provider = provider;
            Source = source;
            Identity = identity;
            ProfileName = profileName;
        }

        public ICredentialProvider Provider { get; }
        public string Source { get; }
        /// <summary>Which credentials these are, for telling sessions apart; no secret.</summary>
        public CredentialIdentity Identity { get; }
        /// <summary>The profile the credentials came from, if any.</summary>
        public string? ProfileName { get; }
    }
}
