using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Deployments.Hooks;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// Runs a -Hook scriptblock on the pipeline thread (PowerShell runs scripts only there) with the
    /// deployment as its argument. It passes unless it throws, writes an error (errors stop it, as
    /// under -ErrorAction Stop) or its last output is $false; a failure is a ROLLBACK with its message.
    /// </summary>
    internal sealed class ScriptBlockHookRunner : IPauseHookRunner
    {
        // Errors written by the check count as failures: a smoke test that Write-Errors has failed.
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

        public Task<HookDecision> RunAsync(string stage, EcsDeployment deployment, CancellationToken cancellationToken) =>
            _pipeline.InvokeAsync(() => Run(stage, _checks[stage], deployment), cancellationToken);

        private static HookDecision Run(string stage, ScriptBlock check, EcsDeployment deployment)
        {
            var name = LifecycleStages.ToPascalCase(stage);
            try
            {
                var output = ScriptBlock.Create(StrictCall).Invoke(check, deployment);
                var last = output.LastOrDefault(o => o != null)?.BaseObject;
                return last is bool passed && !passed
                    ? HookDecision.Rollback($"the -Hook check {name} returned $false")
                    : HookDecision.Continue();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is OperationCanceledException))
            {
                // An error written under Stop arrives wrapped; its own record has the check's words.
                var message = (ex as RuntimeException)?.ErrorRecord?.Exception?.Message ?? ex.Message;
                return HookDecision.Rollback($"the -Hook check {name} failed: {message}");
            }
        }
    }
}
