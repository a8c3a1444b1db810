using System.Management.Automation;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Deployments.Costs;
using EcsBlueGreen.PowerShell.Completion;
using EcsBlueGreen.PowerShell.Hosting;

namespace EcsBlueGreen.PowerShell.Commands
{
    /// <summary>
    /// The current (and with -History, recent) deployments of a service as EcsDeployment objects,
    /// so a deployment started elsewhere can be waited on or undone.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcsDeployment")]
    [OutputType(typeof(EcsDeployment))]
    public sealed class GetEcsDeploymentCommand : EcsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterCompleter))]
        public string Cluster { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceName")]
        [ArgumentCompleter(typeof(ServiceCompleter))]
        public string Service { get; set; } = "";

        /// <summary>Also list finished deployments from the service-deployments history.</summary>
        [Parameter]
        public SwitchParameter History { get; set; }

        /// <summary>With -History: the rates for each Window.EstimatedCost (a price-table path or @{ VcpuHour; GbHour; Currency }).</summary>
        [Parameter]
        public object? Pricing { get; set; }

        private PriceTable _pricing = PriceTable.Shipped;

        protected override string?[] ResourceArguments => new[] { Cluster, Service };

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                _pricing = PricingArgument.Resolve(Pricing, p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
            }
            catch (EcsBlueGreenException ex)
            {
                ThrowTerminatingError(ErrorCatalog.For(ex, Pricing));
            }
        }

        protected override void ProcessRecord()
        {
            if (!TryGetDeployments(Cluster, Service, History.IsPresent, out var deployments))
            {
                return;
            }

            if (History.IsPresent)
            {
                // The listing's objects are its own: the windows measured from the service's tasks go on them.
                var ecs = Clients.For(Connection).Ecs;
                TryRun(async (reporter, token) =>
                {
                    await WindowHistory.AttachAsync(ecs, Cluster, Service, deployments, _pricing, reporter, token).ConfigureAwait(false);
                    return true;
                }, Service, out _);
            }

            WriteObject(deployments, enumerateCollection: true);
        }
    }
}
