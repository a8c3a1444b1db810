using System;
using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// A wait that stopped following deployments because ECS did not accept connections for longer
    /// than the wait's unreachable window (or until its timeout): says where, since when, and what was
    /// last known of each deployment. It is not a verdict; how to resume is the caller's to say.
    /// </summary>
    public sealed class EcsUnreachableException : EcsBlueGreenException
    {
        public EcsUnreachableException(IReadOnlyList<UnreachableDeployment> deployments)
            : base(ErrorIds.EcsUnreachable, Compose(deployments))
        {
            Deployments = deployments;
        }

        public IReadOnlyList<UnreachableDeployment> Deployments { get; }

        /// <summary>The sentence for one deployment: the endpoint, since when, and what was last seen.</summary>
        public static string Describe(UnreachableDeployment lost) =>
            $"ECS at {lost.Endpoint?.ToString() ?? "its endpoint"} was unreachable since {lost.UnreachableSince.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({lost.Reason}); " +
            $"{lost.Describe()}. What ECS did with it since is unknown: the wait stopped following it.";

        private static string Compose(IReadOnlyList<UnreachableDeployment> deployments)
        {
            if (deployments == null || deployments.Count == 0)
            {
                throw new ArgumentException("At least one deployment must be unreachable.", nameof(deployments));
            }

            return string.Join(" ", deployments.GroupBy(d => d.Endpoint?.ToString() ?? "").Select(endpoint =>
            {
                var first = endpoint.First();
                return $"ECS at {first.Endpoint?.ToString() ?? "its endpoint"} was unreachable since {first.UnreachableSince.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({first.Reason}): " +
                       string.Join("; ", endpoint.Select(d => d.Describe())) + ".";
            })) + " What ECS did with these deployments since is unknown: the wait stopped following them.";
        }
    }
}
