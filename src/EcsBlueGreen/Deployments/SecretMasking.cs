using System.Text.RegularExpressions;

namespace EcsBlueGreen.Deployments
{
    /// <summary>Decides what must never be printed: variables whose names suggest a secret.</summary>
    public static class SecretMasking
    {
        public const string Mask = "********";

        private static readonly Regex SecretLikeName = new Regex(
            "(SECRET|PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE|CREDENTIAL|AUTH|CONNECTION_?STRING|SIGNING)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static bool LooksSecret(string variableName) => SecretLikeName.IsMatch(variableName);

        public static string Display(string variableName, string? value) =>
            value == null ? "(unset)" : LooksSecret(variableName) ? Mask : value;
    }
}
