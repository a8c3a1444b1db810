namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>Per-hour rates of one region, capacity provider and CPU architecture.</summary>
    public sealed class FargateRate
    {
        public FargateRate(decimal vcpuHour, decimal gbHour, string? note = null)
        {
            VcpuHour = vcpuHour;
            GbHour = gbHour;
            Note = note;
        }

        public decimal VcpuHour { get; }

        public decimal GbHour { get; }

        /// <summary>What the table says of this rate (an unverified snapshot, say); it follows the rate into EstimatedCost.Source.</summary>
        public string? Note { get; }
    }
}
