namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// What the cmdlet layer hands over to pick credentials, region and endpoint: the common AWS
    /// parameters plus the AWS.Tools shell variables. Plain values only (no PowerShell types), so the
    /// core resolves them without a runspace.
    /// </summary>
    public sealed class AwsConnectionOptions
    {
        /// <summary>-Region.</summary>
        public string? Region { get; set; }

        /// <summary>-ProfileName.</summary>
        public string? ProfileName { get; set; }

        /// <summary>-ProfileLocation: a shared credentials file used for every profile look-up of this call.</summary>
        public string? ProfileLocation { get; set; }

        /// <summary>-Credential: an AWSCredentials from any AWSSDK.Core load context, or an object with a
        /// Credentials property holding one. Read by reflection.</summary>
        public object? Credential { get; set; }

        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }

        /// <summary>-EndpointUrl: overrides the endpoint of every service this session talks to.</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>The AWS_ENDPOINT_URL* variables as they were when an upstream object was made; read
        /// instead of the environment, so its pipeline stays at that endpoint. Null: the environment now.</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, string>? EndpointVariables { get; set; }

        /// <summary>$StoredAWSRegion (Set-DefaultAWSRegion).</summary>
        public string? StoredRegion { get; set; }

        /// <summary>$StoredAWSCredentials (Set-AWSCredential): an AWSCredentials, an object with a
        /// Credentials property, or a profile name.</summary>
        public object? StoredCredentials { get; set; }

        /// <summary>Total attempts per call (1 disables retries); default AWS_MAX_ATTEMPTS, the profile's
        /// max_attempts, else 3.</summary>
        public int? MaxAttempts { get; set; }
    }
}
