using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Deployments.Hooks
{
    /// <summary>
    /// Where a request reaches one listener rule of a native deployment's load balancer: the URL of its
    /// listener (load balancer DNS name and port, with the rule's path) and the headers the rule requires
    /// (a test listener rule typically matches an http-header), read from ELBv2. A smoke test sends
    /// <c>Invoke-WebRequest -Uri $d.TestEndpoint.Url -Headers $d.TestEndpoint.Headers</c>.
    /// </summary>
    public sealed class TrafficEndpoint
    {
        public TrafficEndpoint(string url, IReadOnlyDictionary<string, string> headers, string? host, string ruleArn, string? listenerArn)
        {
            Url = url;
            Host = host;
            Headers = headers;
            RuleArn = ruleArn;
            ListenerArn = listenerArn;
        }

        public string Url { get; }

        /// <summary>Header name to a value the rule's http-header (and host-header) conditions accept.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>
        /// A host name the rule's host-header condition accepts, kept apart from Headers: Windows
        /// PowerShell's Invoke-WebRequest refuses a Host entry there.
        /// </summary>
        public string? Host { get; }

        public string RuleArn { get; }

        public string? ListenerArn { get; }

        public Uri Uri => new Uri(Url);

        public override string ToString() => Headers.Count == 0 ? Url : $"{Url} ({string.Join(", ", HeaderTexts())})";

        private IEnumerable<string> HeaderTexts()
        {
            foreach (var header in Headers)
            {
                yield return $"{header.Key}: {header.Value}";
            }
        }
    }
}
