using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Elb
{
    /// <summary>The Elastic Load Balancing v2 reads deployment evidence needs (target health and routing).
    /// ElbClient implements it over awsQuery; every list is followed through NextMarker.</summary>
    public interface IElbApi
    {
        /// <summary>By ARNs, or all target groups of a load balancer (loadBalancerArn), or all when both are null.</summary>
        Task<IReadOnlyList<ElbTargetGroup>> DescribeTargetGroupsAsync(IReadOnlyList<string>? targetGroupArns, string? loadBalancerArn, CancellationToken cancellationToken);

        /// <summary>Health of every registered target (or of the given target ids).</summary>
        Task<IReadOnlyList<ElbTargetHealth>> DescribeTargetHealthAsync(string targetGroupArn, IReadOnlyList<string>? targetIds, CancellationToken cancellationToken);

        /// <summary>The attributes of a target group (deregistration_delay.timeout_seconds...), key to value.</summary>
        Task<IReadOnlyDictionary<string, string>> DescribeTargetGroupAttributesAsync(string targetGroupArn, CancellationToken cancellationToken);

        /// <summary>Listeners of a load balancer, or the given listener ARNs.</summary>
        Task<IReadOnlyList<ElbListener>> DescribeListenersAsync(string? loadBalancerArn, IReadOnlyList<string>? listenerArns, CancellationToken cancellationToken);

        /// <summary>The given load balancers (their DNS names).</summary>
        Task<IReadOnlyList<ElbLoadBalancer>> DescribeLoadBalancersAsync(IReadOnlyList<string> loadBalancerArns, CancellationToken cancellationToken);

        /// <summary>Rules of a listener, or the given rule ARNs.</summary>
        Task<IReadOnlyList<ElbRule>> DescribeRulesAsync(string? listenerArn, IReadOnlyList<string>? ruleArns, CancellationToken cancellationToken);
    }
}
