using System.Management.Automation;
using EcsBlueGreen.Deployments;
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

        protected override string?[] ResourceArguments => new[] { Cluster, Service };

        protected override void ProcessRecord()
        {
            if (TryGetDeployments(Cluster, Service, History.IsPresent, out var deployments))
            {
                WriteObject(deployments, enumerateCollection: true);
            }
        }
    }
}
