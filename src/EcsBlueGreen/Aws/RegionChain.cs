using Amazon.Runtime.CredentialManagement;
using EcsBlueGreen.Aws.Credentials;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// Picks the region, first match wins: -Region; the -ProfileName profile's region; $StoredAWSRegion;
    /// the $StoredAWSCredentials profile's region; AWS_REGION; AWS_DEFAULT_REGION; the AWS_PROFILE profile's
    /// region; the default profile's region. (AWS.Tools also asks EC2 instance metadata last; we do not, so
    /// a missing region is an immediate, explainable error instead of a metadata timeout.)
    /// </summary>
    internal static class RegionChain
    {
        public static string Resolve(AwsConnectionOptions options, IAwsEnvironment environment, ProfileStore store)
        {
            var region = Clean(options.Region)
                         ?? ProfileRegion(store, options.ProfileName)
                         ?? Clean(options.StoredRegion)
                         ?? ProfileRegion(store, options.StoredCredentials as string)
                         ?? environment.GetVariable("AWS_REGION")
                         ?? environment.GetVariable("AWS_DEFAULT_REGION")
                         ?? ProfileRegion(store, environment.GetVariable("AWS_PROFILE"))
                         ?? ProfileRegion(store, "default");
            if (region == null)
            {
                throw new AwsConfigurationException(ErrorIds.AwsRegionMissing,
                    "No AWS region is set. Set one with -Region, with Set-DefaultAWSRegion ($StoredAWSRegion), " +
                    "with the AWS_REGION or AWS_DEFAULT_REGION environment variable, or as 'region' in the AWS profile in use " +
                    "(config file next to " + store.Location + ").");
            }

            return region;
        }

        private static string? ProfileRegion(ProfileStore store, string? profileName)
        {
            if (string.IsNullOrEmpty(profileName))
            {
                return null;
            }

            return store.TryGetProfile(profileName!, out CredentialProfile profile) ? profile.Region?.SystemName : null;
        }

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
