using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace EcsBlueGreen.Images.Registry
{
    /// <summary>A parsed WWW-Authenticate header: scheme plus parameters (realm, service, scope).</summary>
    internal sealed class AuthChallenge
    {
        private static readonly Regex Parameter = new Regex("([A-Za-z]+)=\"([^\"]*)\"", RegexOptions.CultureInvariant);

        private AuthChallenge(string scheme, Dictionary<string, string> parameters)
        {
            Scheme = scheme;
            Parameters = parameters;
        }

        public string Scheme { get; }
        public IReadOnlyDictionary<string, string> Parameters { get; }
        public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

        public string? this[string name] => Parameters.TryGetValue(name, out var v) ? v : null;

        public static AuthChallenge? Parse(string? header)
        {
            if (string.IsNullOrWhiteSpace(header)) return null;
            string h = header!.Trim();
            int space = h.IndexOf(' ');
            string scheme = space < 0 ? h : h.Substring(0, space);
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (space > 0)
                foreach (Match m in Parameter.Matches(h.Substring(space + 1))) parameters[m.Groups[1].Value] = m.Groups[2].Value;
            return new AuthChallenge(scheme, parameters);
        }
    }
}
