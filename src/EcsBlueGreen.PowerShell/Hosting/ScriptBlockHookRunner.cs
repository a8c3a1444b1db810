using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Deployments.Hooks;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// Runs a -Hook scriptblock on the pipeline thread (PowerShell runs scripts only there), in a nested
    /// pipeline of this runspace with the deployment as its argument, so the wait's timeout and Ctrl+C
    /// can stop it. The check passes unless it throws, writes an error (whatever its module's error
    /// preference) or its last output is $false; a failure is a ROLLBACK with its message.
    /// </summary>
    internal sealed class ScriptBlockHookRunner : IPauseHookRunner
    {
        // Errors stop the check where the preference reaches it (a script's own scope chain); where it
        // does not (a module's scriptblock), the error stream still fails it.
        private const string StrictCall = "param($check, $deployment) $ErrorActionPreference = 'Stop'; & $check $deployment";

        private readonly IReadOnlyDictionary<string, ScriptBlock> _checks;
        private readonly PipelineInvoker _pipeline;

        /// <param name="checks">By stage in ECS spelling (HookStageKeys).</param>
        public ScriptBlockHookRunner(IReadOnlyDictionary<string, ScriptBlock> checks, PipelineInvoker pipeline)
        {
            _checks = checks;
            _pipeline = pipeline;
        }

        public bool HasCheckFor(string stage) => _checks.ContainsKey(stage);

        public async Task<HookDecision> RunAsync(string stage, EcsDeployment deployment, CancellationToken cancellationToken)
        {
            var decision = await _pipeline.InvokeAsync(() => Run(stage, _checks[stage], deployment, cancellationToken), cancellationToken).ConfigureAwait(false);
            // Null: stopped by the wait's timeout or Ctrl+C, which the wait reports as such.
            return decision ?? throw new OperationCanceledException(cancellationToken);
        }

        private static HookDecision? Run(string stage, ScriptBlock check, EcsDeployment deployment, CancellationToken cancellationToken)
        {
            var name = LifecycleStages.ToPascalCase(stage);
            using (var nested = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace))
            using (cancellationToken.Register(() => nested.BeginStop(null, null)))
            {
                nested.AddScript(StrictCall, true).AddArgument(check).AddArgument(deployment);
                System.Collections.ObjectModel.Collection<PSObject> output;
                try
                {
                    output = nested.Invoke();
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped: not the check's failure (PipelineStoppedException or what the stop cut short).
                    return null;
                }
                catch (RuntimeException ex)
                {
                    // An error written under Stop arrives wrapped; its own record has the check's words.
                    return HookDecision.Rollback($"the -Hook check {name} failed: {ex.ErrorRecord?.Exception?.Message ?? ex.Message}");
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return null;
                }

                var error = nested.Streams.Error.FirstOrDefault();
                if (error != null)
                {
                    return HookDecision.Rollback($"the -Hook check {name} failed: {error.Exception?.Message ?? error.ToString()}");
                }

                var last = output.LastOrDefault(o => o != null)?.BaseObject;
                return last is bool passed && !passed
                    ? HookDecision.Rollback($"the -Hook check {name} returned $false")
                    : HookDecision.Continue();
            }
        }
    }
}
