using System;
using System.Collections.Generic;
using System.Linq;

namespace EcsBlueGreen.Aws.Http
{
    /// <summary>
    /// Removes known secrets from text that came from elsewhere. AWS's SignatureDoesNotMatch message
    /// quotes the canonical request, which holds the X-Amz-Security-Token header; we pass AWS messages
    /// on, so they go through here first.
    /// </summary>
    internal static class SecretRedactor
    {
        public const string Mask = "****";

        public static string Redact(string text, IEnumerable<string?> secrets)
        {
            foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s) && s!.Length >= 4))
            {
                text = text.Replace(secret!, Mask);
                // Secrets may appear URL-encoded inside quoted requests.
                var escaped = Uri.EscapeDataString(secret!);
                if (escaped != secret)
                {
                    text = text.Replace(escaped, Mask);
                }
            }

            return text;
        }
    }
}
