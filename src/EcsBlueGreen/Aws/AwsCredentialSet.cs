namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// Resolved signing credentials. ToString shows only the access key id, so an accidental log line
    /// never carries the secret or the session token.
    /// </summary>
    public sealed class AwsCredentialSet
    {
        public AwsCredentialSet(string accessKey, string secretKey, string? sessionToken)
        {
            AccessKey = accessKey;
            SecretKey = secretKey;
            SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
        }

        public string AccessKey { get; }
        public string SecretKey { get; }
        public string? SessionToken { get; }

        public override string ToString() => $"AccessKey={AccessKey} (secret hidden)";
    }
}
