using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Elb;

namespace EcsBlueGreen.Deployments.Hooks
{
    /// <summary>
    /// The test and production endpoints of a native deployment, from the listener rules named in the
    /// service's loadBalancers[].advancedConfiguration: three ELBv2 reads (the rules, their listeners,
    /// the load balancers' DNS names), made once per deployment when its first hook runs.
    /// </summary>
    public static class TrafficEndpointReader
    {
        public static async Task<(TrafficEndpoint? Test, TrafficEndpoint? Production)> ReadAsync(IElbApi elb, EcsService service, CancellationToken cancellationToken)
        {
            var advanced = service.LoadBalancers.Select(l => l.AdvancedConfiguration).FirstOrDefault(a => a?.ProductionListenerRule != null);
            if (advanced == null)
            {
                return (null, null);
            }

            var ruleArns = new[] { advanced.TestListenerRule, advanced.ProductionListenerRule }.Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList();
            var rules = await elb.DescribeRulesAsync(null, ruleArns, cancellationToken).ConfigureAwait(false);
            var listenerArns = ruleArns.Select(ListenerOf).Where(a => a != null).Select(a => a!).Distinct(StringComparer.Ordinal).ToList();
            var listeners = listenerArns.Count == 0 ? Array.Empty<ElbListener>() : await elb.DescribeListenersAsync(null, listenerArns, cancellationToken).ConfigureAwait(false);
            var balancerArns = listeners.Select(l => l.LoadBalancerArn).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).Distinct(StringComparer.Ordinal).ToList();
            var balancers = balancerArns.Count == 0 ? Array.Empty<ElbLoadBalancer>() : await elb.DescribeLoadBalancersAsync(balancerArns, cancellationToken).ConfigureAwait(false);

            TrafficEndpoint? EndpointOf(string? ruleArn)
            {
                var rule = rules.FirstOrDefault(r => r.RuleArn == ruleArn);
                var listener = listeners.FirstOrDefault(l => l.ListenerArn == ListenerOf(ruleArn));
                var balancer = balancers.FirstOrDefault(b => b.LoadBalancerArn == listener?.LoadBalancerArn);
                return rule == null || listener == null || balancer?.DnsName == null ? null : Build(rule, listener, balancer.DnsName);
            }

            return (EndpointOf(advanced.TestListenerRule), EndpointOf(advanced.ProductionListenerRule));
        }

        /// <summary>A rule ARN (…:listener-rule/app/lb/lb-id/listener-id/rule-id) names its listener (…:listener/app/lb/lb-id/listener-id).</summary>
        public static string? ListenerOf(string? ruleArn)
        {
            const string marker = ":listener-rule/";
            var at = ruleArn?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
            var lastSlash = ruleArn?.LastIndexOf('/') ?? -1;
            return at < 0 || lastSlash <= at + marker.Length ? null : ruleArn!.Substring(0, at) + ":listener/" + ruleArn.Substring(at + marker.Length, lastSlash - at - marker.Length);
        }

        /// <summary>A request the rule matches: its first path pattern and a value of each header condition, wildcards filled in.</summary>
        public static TrafficEndpoint Build(ElbRule rule, ElbListener listener, string dnsName)
        {
            var scheme = string.Equals(listener.Protocol, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
            var path = "/";
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? host = null;
            foreach (var condition in rule.Conditions)
            {
                var first = condition.Values.FirstOrDefault();
                switch (condition.Field)
                {
                    case "path-pattern" when first != null:
                        path = Sample(first.StartsWith("/", StringComparison.Ordinal) ? first : "/" + first);
                        break;
                    case "http-header" when condition.HttpHeaderName != null && first != null:
                        headers[condition.HttpHeaderName] = Sample(first);
                        break;
                    case "host-header" when first != null:
                        // A host needs a label where the pattern has a wildcard: *.example.com → x.example.com.
                        host = Sample(first, "x");
                        break;
                }
            }

            var port = listener.Port.HasValue ? ":" + listener.Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            return new TrafficEndpoint($"{scheme}://{dnsName}{port}{path}", headers, host, rule.RuleArn, listener.ListenerArn);
        }

        // ELB patterns take * (any run) and ? (one character): the shortest value that matches, with a
        // letter where one character is needed (and for * where the value must not be empty).
        private static string Sample(string pattern, string star = "")
        {
            var value = new StringBuilder();
            foreach (var c in pattern)
            {
                if (c == '?')
                {
                    value.Append('x');
                }
                else
                {
                    value.Append(c == '*' ? star : c.ToString());
                }
            }

            return value.ToString();
        }
    }
}
