using System;

namespace EcsBlueGreen.PowerShell.Hosting
{
    public enum CiPlatform
    {
        None,
        AzureDevOps,
        GitHubActions,
        Jenkins,
    }

    /// <summary>Which CI system runs us, from the variables each one sets on its agents.</summary>
    internal static class CiPlatformDetector
    {
        public static CiPlatform Detect(Func<string, string?> getVariable)
        {
            if (IsTrue(getVariable("TF_BUILD")))
            {
                return CiPlatform.AzureDevOps;
            }

            if (IsTrue(getVariable("GITHUB_ACTIONS")))
            {
                return CiPlatform.GitHubActions;
            }

            if (!string.IsNullOrEmpty(getVariable("JENKINS_URL")))
            {
                return CiPlatform.Jenkins;
            }

            return CiPlatform.None;
        }

        private static bool IsTrue(string? value) =>
            string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
    }
}
