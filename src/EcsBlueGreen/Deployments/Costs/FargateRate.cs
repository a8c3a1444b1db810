namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>Per-hour rates of one region, capacity provider and CPU architecture.</summary>
    public sealed class FargateRate
    {
        public FargateRate(decimal vcpuHour, decimal gbHour)
        {
            VcpuHour = vcpuHour;
            GbHour = gbHour;
        }

        public decimal VcpuHour { get; }

        public decimal GbHour { get; }
    }
}
