using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using EcsBlueGreen.Aws.Protocol;

namespace EcsBlueGreen.Elb
{
    /// <summary>ELBv2 over awsQuery (Version 2015-12-01). Reads only, so every call is safe to retry.</summary>
    public sealed class ElbClient : IElbApi
    {
        public const string ApiVersion = "2015-12-01";

        private readonly QueryProtocolClient _query;

        internal ElbClient(QueryProtocolClient query)
        {
            _query = query;
        }

        public async Task<IReadOnlyList<ElbTargetGroup>> DescribeTargetGroupsAsync(IReadOnlyList<string>? targetGroupArns, string? loadBalancerArn,
            CancellationToken cancellationToken)
        {
            var parameters = new List<KeyValuePair<string, string>>();
            if (loadBalancerArn != null) parameters.Add(Pair("LoadBalancerArn", loadBalancerArn));
            AddList(parameters, "TargetGroupArns", targetGroupArns);
            var pages = await AllPagesAsync("DescribeTargetGroups", parameters, cancellationToken).ConfigureAwait(false);
            return pages.SelectMany(page => ElbXml.Members(page, "TargetGroups")).Select(ElbParser.TargetGroup).ToList();
        }

        public async Task<IReadOnlyList<ElbTargetHealth>> DescribeTargetHealthAsync(string targetGroupArn, IReadOnlyList<string>? targetIds,
            CancellationToken cancellationToken)
        {
            var parameters = new List<KeyValuePair<string, string>> { Pair("TargetGroupArn", targetGroupArn) };
            if (targetIds != null)
            {
                for (var i = 0; i < targetIds.Count; i++)
                {
                    parameters.Add(Pair("Targets.member." + (i + 1).ToString(CultureInfo.InvariantCulture) + ".Id", targetIds[i]));
                }
            }

            var result = await _query.InvokeAsync("DescribeTargetHealth", parameters, cancellationToken).ConfigureAwait(false);
            return ElbXml.Members(result, "TargetHealthDescriptions").Select(ElbParser.TargetHealth).ToList();
        }

        public async Task<IReadOnlyDictionary<string, string>> DescribeTargetGroupAttributesAsync(string targetGroupArn, CancellationToken cancellationToken)
        {
            var parameters = new List<KeyValuePair<string, string>> { Pair("TargetGroupArn", targetGroupArn) };
            var result = await _query.InvokeAsync("DescribeTargetGroupAttributes", parameters, cancellationToken).ConfigureAwait(false);
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in ElbXml.Members(result, "Attributes"))
            {
                var key = ElbXml.Str(member, "Key");
                if (key != null)
                {
                    attributes[key] = ElbXml.Str(member, "Value") ?? "";
                }
            }

            return attributes;
        }

        public async Task<IReadOnlyList<ElbListener>> DescribeListenersAsync(string? loadBalancerArn, IReadOnlyList<string>? listenerArns,
            CancellationToken cancellationToken)
        {
            var parameters = new List<KeyValuePair<string, string>>();
            if (loadBalancerArn != null) parameters.Add(Pair("LoadBalancerArn", loadBalancerArn));
            AddList(parameters, "ListenerArns", listenerArns);
            var pages = await AllPagesAsync("DescribeListeners", parameters, cancellationToken).ConfigureAwait(false);
            return pages.SelectMany(page => ElbXml.Members(page, "Listeners")).Select(ElbParser.Listener).ToList();
        }

        public async Task<IReadOnlyList<ElbLoadBalancer>> DescribeLoadBalancersAsync(IReadOnlyList<string> loadBalancerArns, CancellationToken cancellationToken)
        {
            var parameters = new List<KeyValuePair<string, string>>();
            AddList(parameters, "LoadBalancerArns", loadBalancerArns);
            var pages = await AllPagesAsync("DescribeLoadBalancers", parameters, cancellationToken).ConfigureAwait(false);
            return pages.SelectMany(page => ElbXml.Members(page, "LoadBalancers")).Select(ElbParser.LoadBalancer).ToList();
        }

        public async Task<IReadOnlyList<ElbRule>> DescribeRulesAsync(string? listenerArn, IReadOnlyList<string>? ruleArns, CancellationToken cancellationToken)
        {
            var parameters = new List<KeyValuePair<string, string>>();
            if (listenerArn != null) parameters.Add(Pair("ListenerArn", listenerArn));
            AddList(parameters, "RuleArns", ruleArns);
            var pages = await AllPagesAsync("DescribeRules", parameters, cancellationToken).ConfigureAwait(false);
            return pages.SelectMany(page => ElbXml.Members(page, "Rules")).Select(ElbParser.Rule).ToList();
        }

        private async Task<IReadOnlyList<XElement>> AllPagesAsync(string action, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
        {
            var pages = new List<XElement>();
            string? marker = null;
            do
            {
                var pageParameters = new List<KeyValuePair<string, string>>(parameters);
                if (marker != null) pageParameters.Add(Pair("Marker", marker));
                var result = await _query.InvokeAsync(action, pageParameters, cancellationToken).ConfigureAwait(false);
                pages.Add(result);
                marker = ElbXml.Str(result, "NextMarker");
            }
            while (!string.IsNullOrEmpty(marker));

            return pages;
        }

        private static void AddList(List<KeyValuePair<string, string>> parameters, string name, IReadOnlyList<string>? values)
        {
            if (values == null)
            {
                return;
            }

            for (var i = 0; i < values.Count; i++)
            {
                parameters.Add(Pair(name + ".member." + (i + 1).ToString(CultureInfo.InvariantCulture), values[i]));
            }
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);
    }
}
