using System;
using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// An ARN names one place: its partition, region, account and (for a service) cluster. A cluster,
    /// service or task-definition ARN that names another place than the connection reaches must stop
    /// the command before any write, never resolve to the same-named resource where the connection goes.
    /// </summary>
    public static class ArnCheck
    {

        /// <summary>
        /// What can be checked without a call: each ARN is an ECS ARN of the right type, a service ARN
        /// names the -Cluster, the ARNs agree with each other and with the connection's region.
        /// </summary>
        public static void BeforeCalls(string cluster, string service, string? taskDefinition, string? connectedRegion)
        {
            var given = Parse(("-Cluster", cluster, "cluster"), ("-Service", service, "service"), ("-TaskDefinition", taskDefinition, "task-definition"));
            if (given.TryGetValue("-Service", out var serviceArn) && serviceArn.ServiceCluster is { } named)
            {
                var clusterName = EcsArn.NameOf(cluster);
                if (!string.Equals(named, clusterName, StringComparison.Ordinal))
                {
                    throw Mismatch($"-Service {service} is a service of cluster '{named}', but -Cluster is '{cluster}'. Pass the cluster the service belongs to.");
                }
            }

            var first = given.FirstOrDefault();
            foreach (var pair in given.Skip(1))
            {
                if (!SamePlace(first.Value, pair.Value))
                {
                    throw Mismatch($"{first.Key} {first.Value} and {pair.Key} {pair.Value} name different places ({Place(first.Value)} and {Place(pair.Value)}). Pass ARNs of one account and region, or names.");
                }
            }

            if (connectedRegion != null && first.Value != null && !string.Equals(first.Value.Region, connectedRegion, StringComparison.Ordinal))
            {
                throw Mismatch($"{first.Key} {first.Value} is in region {first.Value.Region}, but the connection goes to {connectedRegion}. Pass -Region {first.Value.Region} (or leave -Region out and the ARN chooses it), or pass the resource of {connectedRegion}.");
            }
        }

        /// <summary>
        /// After the service was described in the connected account and region: every ARN given must
        /// name exactly that place (and that cluster and service).
        /// </summary>
        public static void AgainstService(EcsService found, params (string Parameter, string? Value)[] arguments)
        {
            if (!EcsArn.TryParse(found.ServiceArn, out var actual))
            {
                return;
            }

            foreach (var (parameter, value) in arguments)
            {
                if (!EcsArn.TryParse(value, out var arn))
                {
                    continue;
                }

                var sameResource = arn!.ResourceType == "cluster" ? string.Equals(arn.Text, found.ClusterArn, StringComparison.Ordinal) || found.ClusterArn.Length == 0
                    : arn.ResourceType == "service" && arn.ServiceCluster != null ? string.Equals(arn.Text, found.ServiceArn, StringComparison.Ordinal)
                    : true;
                if (!SamePlace(arn, actual!) || !sameResource)
                {
                    throw Mismatch($"{parameter} {value} names {Place(arn)}, but the connection reaches {Place(actual!)} (service {found.ServiceArn}). " +
                        "Connect to the ARN's account and region (-Region, -ProfileName, credentials), or pass the resource of the connected account.");
                }
            }
        }

        /// <summary>The region every ARN among the values names, or null (no ARN, or they disagree: BeforeCalls says so).</summary>
        public static string? RegionOf(params string?[] values)
        {
            var regions = values.Select(v => EcsArn.TryParse(v, out var arn) ? arn!.Region : null).Where(r => r != null).Distinct(StringComparer.Ordinal).ToList();
            return regions.Count == 1 ? regions[0] : null;
        }

        private static Dictionary<string, EcsArn> Parse(params (string Parameter, string? Value, string Type)[] arguments)
        {
            var result = new Dictionary<string, EcsArn>(StringComparer.Ordinal);
            foreach (var (parameter, value, type) in arguments)
            {
                if (!EcsArn.LooksLikeArn(value))
                {
                    continue;
                }

                if (!EcsArn.TryParse(value, out var arn))
                {
                    throw new EcsBlueGreenException(Errors.ErrorIds.InvalidArn,
                        $"{parameter} '{value}' is not an ECS ARN (arn:<partition>:ecs:<region>:<account>:{type}/...). Pass the name or the full ARN.");
                }

                if (arn!.ResourceType != type)
                {
                    throw Mismatch($"{parameter} {value} is a {arn.ResourceType} ARN; {parameter} takes a {type} name or ARN.");
                }

                result[parameter] = arn;
            }

            return result;
        }

        private static bool SamePlace(EcsArn a, EcsArn b) =>
            a.Partition == b.Partition && a.Region == b.Region && a.Account == b.Account;

        private static string Place(EcsArn arn) => $"account {arn.Account} in {arn.Region}" + (arn.Partition == "aws" ? "" : $" ({arn.Partition})");

        private static EcsBlueGreenException Mismatch(string message) =>
            new EcsBlueGreenException(Errors.ErrorIds.ArnMismatch, message);
    }
}
