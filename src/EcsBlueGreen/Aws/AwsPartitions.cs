using System;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// DNS suffix of a region's partition, for the regional endpoint https://{prefix}.{region}.{suffix}.
    /// The region-name patterns are those of the SDKs' partitions table; anything unmatched is the
    /// commercial partition, as the SDKs do.
    /// </summary>
    internal static class AwsPartitions
    {
        public static string DnsSuffixFor(string region)
        {
            if (region.StartsWith("cn-", StringComparison.Ordinal)) return "amazonaws.com.cn";
            if (region.StartsWith("us-isob-", StringComparison.Ordinal)) return "sc2s.sgov.gov";
            if (region.StartsWith("us-isof-", StringComparison.Ordinal)) return "csp.hci.ic.gov";
            if (region.StartsWith("us-iso-", StringComparison.Ordinal)) return "c2s.ic.gov";
            if (region.StartsWith("eu-isoe-", StringComparison.Ordinal)) return "cloud.adc-e.uk";
            if (region.StartsWith("eusc-", StringComparison.Ordinal)) return "amazonaws.eu";
            // aws-us-gov shares the commercial suffix: ecs.us-gov-west-1.amazonaws.com.
            return "amazonaws.com";
        }

        public static string PartitionFor(string region)
        {
            if (region.StartsWith("cn-", StringComparison.Ordinal)) return "aws-cn";
            if (region.StartsWith("us-gov-", StringComparison.Ordinal)) return "aws-us-gov";
            if (region.StartsWith("us-isob-", StringComparison.Ordinal)) return "aws-iso-b";
            if (region.StartsWith("us-isof-", StringComparison.Ordinal)) return "aws-iso-f";
            if (region.StartsWith("us-iso-", StringComparison.Ordinal)) return "aws-iso";
            if (region.StartsWith("eu-isoe-", StringComparison.Ordinal)) return "aws-iso-e";
            if (region.StartsWith("eusc-", StringComparison.Ordinal)) return "aws-eusc";
            return "aws";
        }
    }
}
