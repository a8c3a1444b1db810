using System.Linq;
using System.Management.Automation;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.PowerShell.Completion;
using EcsBlueGreen.PowerShell.Hosting;

namespace EcsBlueGreen.PowerShell.Commands
{
    /// <summary>
    /// Rolls a deployment back: ECS's own rollback while it is in flight, else an update back to the
    /// last deployment that succeeded. Outputs the rollback (Kind Rollback) to pipe into Wait-EcsSteadyState.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "EcsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = DeploymentSet)]
    [OutputType(typeof(EcsDeployment))]
    public sealed class UndoEcsDeploymentCommand : EcsCmdlet
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

        /// <summary>Go back to this task definition (family:revision or ARN) instead of the last success.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ToTaskDefinition { get; set; }

        protected override string?[] ResourceArguments => new[] { Cluster, Service, ToTaskDefinition };

        protected override void ProcessRecord()
        {
            var undone = Deployment ?? CurrentDeployment();
            if (undone == null)
            {
                return;
            }

            var ecs = Clients.EcsFor(undone);
            if (!TryRun((reporter, token) => new RollbackPlanner(ecs, reporter, Fallback).PlanAsync(undone, ToTaskDefinition, token), undone, out var plan))
            {
                return;
            }

            if (!ShouldProcess(Target(undone), plan.Describe()))
            {
                return;
            }

            if (TryRun((reporter, token) => new RollbackPlanner(ecs, reporter, Fallback).ExecuteAsync(plan, token), undone, out var rollback))
            {
                Clients.Attach(rollback, undone.Connection);
                WriteObject(rollback);
            }
        }

        private EcsDeployment? CurrentDeployment() =>
            TryGetDeployments(Cluster, Service, false, out var current) ? current.FirstOrDefault() : null;
    }
}
