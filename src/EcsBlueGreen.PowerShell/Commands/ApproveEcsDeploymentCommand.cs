using System.Linq;
using System.Management.Automation;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.PowerShell.Completion;
using EcsBlueGreen.PowerShell.Hosting;

namespace EcsBlueGreen.PowerShell.Commands
{
    /// <summary>
    /// Continues a native (blue/green, linear, canary) deployment that waits at a PAUSE lifecycle hook.
    /// Outputs the deployment to follow, to pipe into Wait-EcsSteadyState.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Approve, "EcsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = DeploymentSet)]
    [OutputType(typeof(EcsDeployment))]
    public sealed class ApproveEcsDeploymentCommand : EcsCmdlet
    {
        private const string DeploymentSet = "Deployment";
        private const string ServiceSet = "Service";

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DeploymentSet)]
        [Alias("InputObject")]
        public EcsDeployment? Deployment { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServiceSet)]
        [ArgumentCompleter(typeof(ClusterCompleter))]
        public string Cluster { get; set; } = "";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServiceSet)]
        [Alias("ServiceName")]
        [ArgumentCompleter(typeof(ServiceCompleter))]
        public string Service { get; set; } = "";

        protected override string?[] ResourceArguments => new[] { Cluster, Service };

        protected override void ProcessRecord()
        {
            var approved = Deployment ?? CurrentDeployment();
            if (approved == null)
            {
                return;
            }

            var ecs = Clients.EcsFor(approved);
            if (!TryRun((reporter, token) => PauseApproval.FindAsync(ecs, approved.Cluster, approved.Service, approved.ServiceDeploymentArn, token), approved, out var paused) ||
                !ShouldProcess(Target(approved), paused.Describe("continue")))
            {
                return;
            }

            if (TryRun((reporter, token) => PauseApproval.ContinueAsync(ecs, approved, paused, token), approved, out var next))
            {
                Clients.Attach(next, approved.Connection);
                WriteObject(next);
            }
        }

        private EcsDeployment? CurrentDeployment() =>
            TryGetDeployments(Cluster, Service, false, out var current) ? current.FirstOrDefault() : null;
    }
}
