using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.PowerShell.Completion;
using EcsBlueGreen.PowerShell.Hosting;

namespace EcsBlueGreen.PowerShell.Commands
{
    /// <summary>
    /// Waits for deployments (one or hundreds, concurrently) until each reaches a verdict, and
    /// outputs every one with its final Status; each non-success also becomes an error record with
    /// the evidence.
    /// </summary>
    // ShouldProcess guards the rollbacks -RollbackOnFailure may start (Medium: no prompt by default,
    // so CI agents are not stopped by one; -WhatIf and -Confirm are honoured).
    [Cmdlet(VerbsLifecycle.Wait, "EcsSteadyState", DefaultParameterSetName = DeploymentSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EcsDeployment))]
    public sealed class WaitEcsSteadyStateCommand : EcsCmdlet
    {
        private const string DeploymentSet = "Deployment";
        private const string ServiceSet = "Service";
        private readonly List<EcsDeployment> _deployments = new List<EcsDeployment>();

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DeploymentSet)]
        [Alias("InputObject")]
        public EcsDeployment[] Deployment { get; set; } = Array.Empty<EcsDeployment>();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServiceSet)]
        [ArgumentCompleter(typeof(ClusterCompleter))]
        public string Cluster { get; set; } = "";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServiceSet)]
        [Alias("ServiceName")]
        [ArgumentCompleter(typeof(ServiceCompleter))]
        public string Service { get; set; } = "";

        [Parameter]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        [Parameter]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Report Failed as soon as a new task stops for a cause that will not heal.</summary>
        [Parameter]
        public SwitchParameter FailFast { get; set; }

        /// <summary>On Failed or TimedOut, roll back (as Undo-EcsDeployment does) and wait for that too.</summary>
        [Parameter]
        public SwitchParameter RollbackOnFailure { get; set; }

        protected override void BeginProcessing()
        {
            if (Timeout <= TimeSpan.Zero)
            {
                ThrowTerminatingError(ErrorCatalog.InvalidArgument(EcsBlueGreen.Errors.ErrorIds.InvalidTimeout, $"-Timeout must be positive, not {Timeout}.", Timeout));
            }

            if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(10))
            {
                ThrowTerminatingError(ErrorCatalog.InvalidArgument(EcsBlueGreen.Errors.ErrorIds.InvalidPollInterval, $"-PollInterval must be between 0 and 10 minutes, not {PollInterval}.", PollInterval));
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == DeploymentSet)
            {
                _deployments.AddRange(Deployment.Where(d => d != null));
                return;
            }

            if (TryGetDeployments(Cluster, Service, false, out var current))
            {
                var primary = current.FirstOrDefault(d => d.Status == DeploymentStatus.InProgress) ?? current.FirstOrDefault();
                if (primary != null)
                {
                    // Judged afresh by the wait, whatever the listing concluded.
                    primary.Status = DeploymentStatus.InProgress;
                    _deployments.Add(primary);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_deployments.Count == 0)
            {
                return;
            }

            var options = new WaitOptions { Timeout = Timeout, PollInterval = PollInterval, FailFast = FailFast.IsPresent };
            var results = WaitAll(_deployments, options);
            WriteObject(results, enumerateCollection: true);

            // Rollbacks start before any error is written: with -ErrorAction Stop (the Azure DevOps
            // default) the first error ends the command, and a requested rollback must not be lost.
            var rollbacks = new List<EcsDeployment>();
            if (RollbackOnFailure)
            {
                foreach (var failed in results.Where(d => d.Status == DeploymentStatus.Failed || d.Status == DeploymentStatus.TimedOut))
                {
                    var rollback = StartRollback(failed);
                    if (rollback != null)
                    {
                        rollbacks.Add(rollback);
                    }
                }
            }

            var rolledBack = rollbacks.Count > 0 ? WaitAll(rollbacks, options) : new List<EcsDeployment>();
            WriteObject(rolledBack, enumerateCollection: true);
            foreach (var deployment in results.Concat(rolledBack))
            {
                WriteVerdictError(deployment);
            }
        }

        private IReadOnlyList<EcsDeployment> WaitAll(IReadOnlyList<EcsDeployment> deployments, WaitOptions options)
        {
            // Every client is made here, on the pipeline thread (resolving reads shell variables): a
            // configuration error is reported before the wait starts, and the watcher never touches
            // PowerShell state from its threads.
            var clients = new Dictionary<EcsDeployment, EcsBlueGreen.Ecs.IEcsApi>();
            foreach (var d in deployments)
            {
                clients[d] = Clients.EcsFor(d);
            }

            try
            {
                return RunAsync((reporter, token) => new DeploymentWatcher(d => clients[d], reporter).WaitAsync(deployments, options, token));
            }
            finally
            {
                Output.CloseAllGroups();
            }
        }

        private EcsDeployment? StartRollback(EcsDeployment failed)
        {
            var ecs = Clients.EcsFor(failed);
            if (!TryRun((reporter, token) => new RollbackPlanner(ecs, reporter).PlanAsync(failed, null, token), failed, out var plan))
            {
                return null;
            }

            if (!ShouldProcess(Target(failed), plan.Describe()))
            {
                return null;
            }

            Output.Warning($"{Target(failed)}: {failed.Status}; rolling back: {plan.Describe()}");
            if (!TryRun((reporter, token) => new RollbackPlanner(ecs, reporter).ExecuteAsync(plan, token), failed, out var rollback))
            {
                return null;
            }

            Clients.Attach(rollback, failed.Connection);
            return rollback;
        }

        private void WriteVerdictError(EcsDeployment deployment)
        {
            var record = VerdictErrors.For(deployment);
            if (record != null)
            {
                WriteError(record);
            }
        }
    }
}
