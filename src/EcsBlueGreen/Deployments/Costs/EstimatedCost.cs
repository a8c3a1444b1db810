using System.Globalization;

namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>A window's extra task-seconds priced: the amount, the rates it used and where they came from.</summary>
    public sealed class EstimatedCost
    {
        public decimal Amount { get; set; }
        public string Currency { get; set; } = "USD";
        public decimal VcpuHourRate { get; set; }
        public decimal GbHourRate { get; set; }
        public decimal Vcpu { get; set; }
        public decimal MemoryGb { get; set; }
        /// <summary>FARGATE or FARGATE_SPOT.</summary>
        public string CapacityProvider { get; set; } = "";
        /// <summary>x86_64 or arm64.</summary>
        public string CpuArchitecture { get; set; } = "";
        public string Region { get; set; } = "";
        /// <summary>Where the rates come from (the shipped table's source, a file, or the -Pricing value).</summary>
        public string Source { get; set; } = "";
        /// <summary>The date the rates were read (yyyy-MM-dd), when the source gives one.</summary>
        public string? PriceDate { get; set; }

        public EstimatedCost Copy() => (EstimatedCost)MemberwiseClone();

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0:0.000000} {1} ({2} {3} {4}, {5} vCPU / {6} GB)", Amount, Currency, CapacityProvider, CpuArchitecture, Region, Vcpu, MemoryGb);
    }
}
