using System;
using System.Net;
using System.Net.Http;

namespace EcsBlueGreen.Aws.Http
{
    /// <summary>
    /// The handler under every HttpClient we create ourselves. On .NET Framework (Windows PowerShell
    /// 5.1) HttpClientHandler sends through HttpWebRequest, which takes the TLS versions it may use from
    /// the process-wide ServicePointManager.SecurityProtocol; Windows PowerShell starts with the legacy
    /// Ssl3|Tls where the SchUseStrongCrypto policy is not set, and AWS endpoints require TLS 1.2.
    /// </summary>
    internal static class DefaultHttpHandler
    {
        private const SecurityProtocolType SystemDefault = 0;

        public static HttpClientHandler Create(bool allowAutoRedirect)
        {
            RaiseTlsFloor();
            return new HttpClientHandler { AllowAutoRedirect = allowAutoRedirect };
        }

        /// <summary>On .NET Framework, makes sure TLS 1.2 is allowed before anything connects; a session
        /// runs it when it is made, although its HttpClient comes only with the first call.</summary>
        public static void RaiseTlsFloor()
        {
            if (!IsCoreClr)
            {
                EnsureTls12();
            }
        }

        /// <summary>Adds TLS 1.2 to what the process allows and takes nothing away: SystemDefault (the OS
        /// decides, TLS 1.3 included) stays as it is, and so does any version someone else enabled.</summary>
        private static void EnsureTls12()
        {
            var allowed = ServicePointManager.SecurityProtocol;
            if (allowed != SystemDefault && (allowed & SecurityProtocolType.Tls12) == 0)
            {
                ServicePointManager.SecurityProtocol = allowed | SecurityProtocolType.Tls12;
            }
        }

        // ServicePointManager does not govern HttpClient on .NET (CoreCLR): leave its state alone there.
        private static bool IsCoreClr =>
            string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);
    }
}
