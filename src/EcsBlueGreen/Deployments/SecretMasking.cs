using System.Text.RegularExpressions;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Decides what must never be printed: variables whose names suggest a secret, and values that
    /// look like one whatever the name (credentials in a URL, AWS keys, tokens, long random strings).
    /// </summary>
    public static class SecretMasking
    {
        public const string Mask = "********";

        private static readonly Regex SecretLikeName = new Regex(
            "(SECRET|PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE|CREDENTIAL|AUTH|CONNECTION_?STRING|SIGNING)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex SecretLikeValue = new Regex(
            @"(://[^/\s:@]+:[^/\s@]+@)" +                      // user:password@ in a URL
            @"|((AKIA|ASIA)[A-Z0-9]{16})" +                    // AWS access key ids
            @"|(eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.)" +  // JWTs
            @"|(^[A-Za-z0-9+/=_\-]{32,}$)" +                  // long random-looking strings
            @"|(-----BEGIN )",                                // PEM keys
            RegexOptions.CultureInvariant);

        public static bool LooksSecret(string variableName) => SecretLikeName.IsMatch(variableName);

        public static bool LooksSecretValue(string value) => SecretLikeValue.IsMatch(value);

        public static string Display(string variableName, string? value) =>
            value == null ? "(unset)" : LooksSecret(variableName) || LooksSecretValue(value) ? Mask : value;
    }
}
