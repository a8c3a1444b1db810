using System;
using System.Globalization;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>
    /// Prices extra task-seconds from what a task says about itself: cpu units and memory MiB, the
    /// cpu-architecture attribute, the capacity provider (else the launch type). EC2 capacity is
    /// paid for by the instance, not the task: no price, the task-seconds stand alone.
    /// </summary>
    public static class WindowPricing
    {
        public const string Fargate = "FARGATE";
        public const string FargateSpot = "FARGATE_SPOT";

        public static EstimatedCost? Price(double extraTaskSeconds, EcsTask sample, string region, PriceTable table)
        {
            var provider = ProviderOf(sample);
            if (provider == null)
            {
                return null;
            }

            if (!decimal.TryParse(sample.Cpu, NumberStyles.Number, CultureInfo.InvariantCulture, out var cpuUnits) ||
                !decimal.TryParse(sample.Memory, NumberStyles.Number, CultureInfo.InvariantCulture, out var memoryMib))
            {
                return null;
            }

            var arch = string.Equals(sample.CpuArchitecture, "arm64", StringComparison.OrdinalIgnoreCase) ? "arm64" : "x86_64";
            var rate = table.Find(region, provider, arch);
            if (rate == null)
            {
                return null;
            }

            var vcpu = cpuUnits / 1024m;
            var gb = memoryMib / 1024m;
            var perHour = vcpu * rate.VcpuHour + gb * rate.GbHour;
            return new EstimatedCost
            {
                Amount = Math.Round(perHour * (decimal)extraTaskSeconds / 3600m, 6, MidpointRounding.AwayFromZero),
                Currency = table.Currency,
                VcpuHourRate = rate.VcpuHour,
                GbHourRate = rate.GbHour,
                Vcpu = vcpu,
                MemoryGb = gb,
                CapacityProvider = provider,
                CpuArchitecture = arch,
                Region = region,
                Source = rate.Note == null ? table.Source : table.Source + "; this rate: " + rate.Note,
                PriceDate = table.Date,
            };
        }

        /// <summary>FARGATE or FARGATE_SPOT; null for EC2 (and capacity providers backed by instances).</summary>
        public static string? ProviderOf(EcsTask task)
        {
            if (task.CapacityProviderName == FargateSpot || task.CapacityProviderName == Fargate)
            {
                return task.CapacityProviderName;
            }

            return task.CapacityProviderName == null && task.LaunchType == Fargate ? Fargate : null;
        }
    }
}
