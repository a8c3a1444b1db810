using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Pipeline
{
    internal static class AwsConnectionOptionsMerge
    {
        /// <summary>Each member from <paramref name="first"/> when set, else from <paramref name="fallback"/>.
        /// Credentials are taken as a unit so keys from two sources are never mixed.</summary>
        public static AwsConnectionOptions Merge(AwsConnectionOptions first, AwsConnectionOptions fallback)
        {
            bool firstHasCredentials = first.Credential != null || first.AccessKey != null || first.ProfileName != null;
            var credentials = firstHasCredentials ? first : fallback;
            return new AwsConnectionOptions
            {
                Region = first.Region ?? fallback.Region,
                EndpointUrl = first.EndpointUrl ?? fallback.EndpointUrl,
                EndpointVariables = first.EndpointVariables ?? fallback.EndpointVariables,
                ProfileLocation = first.ProfileLocation ?? fallback.ProfileLocation,
                ProfileName = credentials.ProfileName,
                Credential = credentials.Credential,
                AccessKey = credentials.AccessKey,
                SecretKey = credentials.SecretKey,
                SessionToken = credentials.SessionToken,
                StoredRegion = first.StoredRegion ?? fallback.StoredRegion,
                StoredCredentials = first.StoredCredentials ?? fallback.StoredCredentials,
                MaxAttempts = first.MaxAttempts ?? fallback.MaxAttempts,
            };
        }
    }
}
