namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>The log commands each CI platform understands.</summary>
    internal static class CiAnnotation
    {
        public static string? GroupStart(CiPlatform platform, string title)
        {
            switch (platform)
            {
                case CiPlatform.AzureDevOps: return "##[group]" + title;
                case CiPlatform.GitHubActions: return "::group::" + title;
                case CiPlatform.Jenkins: return "---- " + title + " ----";
                default: return null;
            }
        }

        public static string? GroupEnd(CiPlatform platform)
        {
            switch (platform)
            {
                case CiPlatform.AzureDevOps: return "##[endgroup]";
                case CiPlatform.GitHubActions: return "::endgroup::";
                case CiPlatform.Jenkins: return "---- end ----";
                default: return null;
            }
        }

        public static string? Error(CiPlatform platform, string message)
        {
            switch (platform)
            {
                case CiPlatform.AzureDevOps: return "##vso[task.logissue type=error]" + Escape(platform, message);
                case CiPlatform.GitHubActions: return "::error::" + Escape(platform, message);
                case CiPlatform.Jenkins: return "ERROR: " + message;
                default: return null;
            }
        }

        /// <summary>Both platforms end a command at a line break; they define their own escapes for it.</summary>
        public static string Escape(CiPlatform platform, string message)
        {
            switch (platform)
            {
                case CiPlatform.AzureDevOps:
                    return message.Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A").Replace(";", "%3B").Replace("]", "%5D");
                case CiPlatform.GitHubActions:
                    return message.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
                default:
                    return message;
            }
        }
    }
}
