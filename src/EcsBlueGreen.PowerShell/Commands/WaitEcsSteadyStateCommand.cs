using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Deployments.Costs;
using EcsBlueGreen.Deployments.Drain;
using EcsBlueGreen.Deployments.Hooks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Reporting;
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

        // Started by the first lookup of -Cluster/-Service: the lookups and the wait share one -Timeout.
        private TimeoutBudget? _budget;

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

        /// <summary>Native deployments: keep waiting through a PAUSE hook nobody here answers instead of returning AwaitingApproval.</summary>
        [Parameter]
        public SwitchParameter WaitThroughPause { get; set; }

        /// <summary>
        /// Native deployments: your own check at a PAUSE hook stage, @{ PostTestTrafficShift = { param($deployment) ... } }.
        /// When ECS pauses a deployment there, the scriptblock runs here with the deployment (TestEndpoint,
        /// weights, step); it passes unless it throws, writes an error or returns $false, and the wait
        /// answers ECS with CONTINUE or ROLLBACK.
        /// </summary>
        [Parameter]
        public IDictionary? Hook { get; set; }

        // Deployment ids judged only to be said in a warning (-Cluster/-Service: the one ECS rolled back).
        private readonly HashSet<string> _saidInWarning = new HashSet<string>(StringComparer.Ordinal);

        private Dictionary<string, ScriptBlock> _checks = new Dictionary<string, ScriptBlock>(StringComparer.Ordinal);

        /// <summary>The rates for each deployment's Window.EstimatedCost: a price-table path or @{ VcpuHour; GbHour; Currency }; the shipped table by default.</summary>
        [Parameter]
        public object? Pricing { get; set; }

        private PriceTable _pricing = PriceTable.Shipped;

        protected override string?[] ResourceArguments => new[] { Cluster, Service };

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Timeout <= TimeSpan.Zero)
            {
                ThrowTerminatingError(ErrorCatalog.InvalidArgument(EcsBlueGreen.Errors.ErrorIds.InvalidTimeout, $"-Timeout must be positive, not {Timeout}.", Timeout));
            }

            if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(10))
            {
                ThrowTerminatingError(ErrorCatalog.InvalidArgument(EcsBlueGreen.Errors.ErrorIds.InvalidPollInterval, $"-PollInterval must be between 0 and 10 minutes, not {PollInterval}.", PollInterval));
            }

            _checks = ChecksOf(Hook);

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
            if (ParameterSetName == DeploymentSet)
            {
                _deployments.AddRange(Deployment.Where(d => d != null));
                return;
            }

            _budget ??= TimeoutBudget.Start(Clients.For(Connection).Session, Timeout);
            if (TryGetDeployments(Cluster, Service, false, out var current, _budget))
            {
                // The watcher judges afresh, whatever the listing concluded; a deployment ECS rolled back is
                // judged too and said in a warning, while the rollback is what the wait outputs.
                var primary = DeploymentHistory.CurrentOf(current);
                var rolledBack = DeploymentHistory.RolledBackOf(current);
                if (rolledBack != null && rolledBack != primary)
                {
                    _deployments.Add(rolledBack);
                    _saidInWarning.Add(rolledBack.DeploymentId!);
                }

                if (primary != null)
                {
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

            // Every client is made here, on the pipeline thread (resolving reads shell variables): a
            // configuration error is reported before the wait starts, and the watcher never touches
            // PowerShell state from its threads.
            var clients = new ConcurrentDictionary<EcsDeployment, IEcsApi>();
            var elbClients = new ConcurrentDictionary<EcsDeployment, EcsBlueGreen.Elb.IElbApi>();
            foreach (var d in _deployments)
            {
                clients[d] = Clients.EcsFor(d);
                elbClients[d] = Clients.ElbFor(d);
            }

            var options = new WaitOptions { Timeout = Timeout, TimeoutStartedAt = _budget?.StartedAt, PollInterval = PollInterval, FailFast = FailFast.IsPresent, WaitThroughPause = WaitThroughPause.IsPresent };
            var watcher = default(DeploymentWatcher);
            var unsuccessful = new List<EcsDeployment>();
            var unreachable = default(EcsUnreachableException);
            // The wait's deadline is measured on the clock its sessions' retries and timeouts run on.
            var clock = Clients.For(_deployments[0].Connection).Session;
            try
            {
                RunStreaming<EcsDeployment>(
                    (reporter, onVerdict, pipeline, token) =>
                    {
                        watcher = new DeploymentWatcher(d => clients[d], reporter, clock, Fallback)
                            .WithDrainObservation(new DrainObservation(d => elbClients[d], _pricing));
                        if (_checks.Count > 0)
                        {
                            watcher.WithPauseHooks(new ScriptBlockHookRunner(_checks, pipeline), _checks.Keys.ToList(), d => elbClients[d]);
                        }

                        return watcher.WaitAsync(_deployments, options, onVerdict, token);
                    },
                    result =>
                    {
                        // On the pipeline thread, as soon as this deployment's verdict is known; the
                        // others are still being watched.
                        if (result.Kind == DeploymentKind.Deployment && result.DeploymentId != null && _saidInWarning.Contains(result.DeploymentId))
                        {
                            Output.Warning($"{Target(result)}: its newest deployment {result.DeploymentId} ended {result.Status}: {VerdictText.Reason(result)}");
                            return;
                        }

                        WriteResult(result);
                        if (result.Status != DeploymentStatus.Succeeded && result.Status != DeploymentStatus.AwaitingApproval)
                        {
                            unsuccessful.Add(result);
                        }

                        // A rollback that fails is not rolled back in turn: that is for a person to decide.
                        if (RollbackOnFailure && result.Kind == DeploymentKind.Deployment &&
                            (result.Status == DeploymentStatus.Failed || result.Status == DeploymentStatus.TimedOut))
                        {
                            var rollback = StartRollback(result);
                            if (rollback != null)
                            {
                                clients[rollback] = Clients.EcsFor(rollback);
                                elbClients[rollback] = Clients.ElbFor(rollback);
                                watcher!.Join(rollback);
                            }
                        }
                    });
            }
            catch (CoreFailureException ex) when (ex.Failure is EcsUnreachableException lost)
            {
                // Not a verdict: the deployments ECS could not be asked about, written with the others' errors.
                unreachable = lost;
            }
            finally
            {
                Output.CloseAllGroups();
            }

            // Errors come last: with -ErrorAction Stop (the Azure DevOps default) the first error ends
            // the command, and the rest of the fleet (and any rollback started) must be waited for first.
            foreach (var deployment in unsuccessful)
            {
                WriteVerdictError(deployment);
            }

            foreach (var lost in unreachable?.Deployments ?? Array.Empty<UnreachableDeployment>())
            {
                WriteError(VerdictErrors.ForUnreachable(lost, unreachable!));
            }
        }

        /// <summary>-Hook's table by stage in ECS spelling; a key that names no PAUSE stage, or a value that is no scriptblock, ends the command before any call.</summary>
        private Dictionary<string, ScriptBlock> ChecksOf(IDictionary? table)
        {
            var checks = new Dictionary<string, ScriptBlock>(StringComparer.Ordinal);
            if (table == null)
            {
                return checks;
            }

            var entries = table.Cast<DictionaryEntry>().ToList();
            try
            {
                var stages = HookStageKeys.Normalize(entries.Select(e => e.Key?.ToString() ?? ""));
                for (var i = 0; i < entries.Count; i++)
                {
                    var value = entries[i].Value is PSObject wrapped ? wrapped.BaseObject : entries[i].Value;
                    if (!(value is ScriptBlock check))
                    {
                        throw new EcsBlueGreenException(EcsBlueGreen.Errors.ErrorIds.InvalidHook,
                            $"-Hook {entries[i].Key} must be a scriptblock, such as {{ param($deployment) ... }}, not {value?.GetType().Name ?? "null"}.");
                    }

                    checks[stages[i]] = check;
                }
            }
            catch (EcsBlueGreenException ex)
            {
                ThrowTerminatingError(ErrorCatalog.For(ex, table));
            }

            return checks;
        }

        private void WriteResult(EcsDeployment result)
        {
            result.StatusReason = VerdictText.Reason(result);
            Output.Information(new InformationMessage(InformationKind.Verdict, Target(result), $"{result.Status}: {result.StatusReason}",
                result.CompletedAt ?? result.StartedAt, isFailure: result.Status != DeploymentStatus.Succeeded));
            WriteObject(result);
        }

        private EcsDeployment? StartRollback(EcsDeployment failed)
        {
            var ecs = Clients.EcsFor(failed);
            if (!TryRun((reporter, token) => new RollbackPlanner(ecs, reporter, Fallback).PlanAsync(failed, null, token), failed, out var plan))
            {
                return null;
            }

            if (!ShouldProcess(Target(failed), plan.Describe()))
            {
                return null;
            }

            Output.Warning($"{Target(failed)}: {failed.Status}; rolling back: {plan.Describe()}");
            if (!TryRun((reporter, token) => new RollbackPlanner(ecs, reporter, Fallback).ExecuteAsync(plan, token), failed, out var rollback))
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
