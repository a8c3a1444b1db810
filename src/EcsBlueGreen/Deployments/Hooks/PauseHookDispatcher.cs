using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Elb;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments.Hooks
{
    /// <summary>
    /// Answers the PAUSE hooks of the deployments a wait follows with the user's checks: reads where the
    /// test and production listeners answer (once per deployment), runs the check for the hook's stage
    /// with a snapshot of the deployment, and sends its decision with ContinueServiceDeployment. Each
    /// hook run is checked once; a decision ECS did not take is sent again, never checked again.
    /// </summary>
    internal sealed class PauseHookDispatcher
    {
        private readonly IPauseHookRunner _runner;
        private readonly Func<EcsDeployment, IElbApi> _elbFor;
        private readonly IReporter _reporter;

        public PauseHookDispatcher(IPauseHookRunner runner, Func<EcsDeployment, IElbApi> elbFor, IReporter reporter)
        {
            _runner = runner;
            _elbFor = elbFor;
            _reporter = reporter;
        }

        /// <summary>Whether this run is ours to answer: a PAUSE at a stage the user gave a check for (its stage is fixed when first seen).</summary>
        public bool Answers(HookResult hook) =>
            hook.TargetType == LifecycleHookValues.Pause && hook.Stage != null && _runner.HasCheckFor(hook.Stage);

        /// <summary>Says once per deployment which checks can never run because no PAUSE hook waits at their stage.</summary>
        public void CheckCoverage(WatchedDeployment w, System.Collections.Generic.IEnumerable<string> checkedStages)
        {
            if (w.HookCoverageChecked || w.ServiceDeployment == null)
            {
                return;
            }

            w.HookCoverageChecked = true;
            var paused = NativeJudge.ConfiguredHooks(w.ServiceDeployment, w.Service)
                .Where(h => h.IsPause)
                .SelectMany(h => h.LifecycleStages.Select(s => LifecycleStages.NormalizeHookStage(s) ?? s))
                .ToList();
            foreach (var stage in checkedStages.Where(s => !paused.Contains(s)))
            {
                _reporter.Warning($"{w.Subject}: -Hook {LifecycleStages.ToPascalCase(stage)} will not run: this deployment has no PAUSE hook at {stage}. " +
                                  $"Start it with -PauseAt {LifecycleStages.ToPascalCase(stage)} (Start-EcsRollingDeployment) to have it checked there.");
            }
        }

        /// <summary>Runs the check (unless it already ran for this hook) and sends the decision; true once ECS took it.</summary>
        public async Task<bool> AnswerAsync(WatchedDeployment w, HookResult hook, EcsDeployment snapshot, CancellationToken cancellationToken)
        {
            if (!w.Answers.TryGetValue(hook.HookId, out var decision))
            {
                await DescribeTrafficAsync(w, snapshot, cancellationToken).ConfigureAwait(false);
                _reporter.Information(new InformationMessage(InformationKind.Step, w.Subject,
                    $"Running the -Hook check for {hook.Stage}{StepText(snapshot)} (PAUSE hook {hook.HookId})."));
                decision = await _runner.RunAsync(hook.Stage!, snapshot, cancellationToken).ConfigureAwait(false);
                w.Answers[hook.HookId] = decision;
            }

            try
            {
                await w.Ecs.ContinueServiceDeploymentAsync(w.ServiceDeployment!.ServiceDeploymentArn, hook.HookId, decision.Action, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (!ex.IsThrottling && ex.StatusCode < 500)
            {
                // ECS no longer holds that run (it timed out, or someone answered first): the next poll says what became of it.
                _reporter.Warning($"{w.Subject}: ECS did not take {decision.Action} for PAUSE hook {hook.HookId} at {hook.Stage}: {ex.ErrorCode}: {ex.Message}");
                w.AnswersSent.Add(hook.HookId);
                // Not an answer ECS took, so the verdict must not show it as one; the check still ran only once.
                w.Answers.Remove(hook.HookId);
                var refused = w.Hooks.FirstOrDefault(h => h.HookId == hook.HookId);
                if (refused != null)
                {
                    refused.Action = null;
                    refused.Message = $"ECS refused the check's {decision.Action}: {ex.ErrorCode}";
                }

                return false;
            }
            catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
            {
                // Throttled, a server error or no answer (the client's retries spent): the same decision is sent at the next poll.
                _reporter.Verbose($"{w.Subject}: ContinueServiceDeployment ({decision.Action}) for PAUSE hook {hook.HookId} failed ({ex.Message}); sending it again at the next poll.");
                return false;
            }

            w.AnswersSent.Add(hook.HookId);
            // Recorded as given only now that ECS took it.
            var seen = w.Hooks.FirstOrDefault(h => h.HookId == hook.HookId);
            if (seen != null)
            {
                seen.Action = decision.Action;
                seen.Message = decision.Reason;
            }

            _reporter.Information(new InformationMessage(InformationKind.Step, w.Subject,
                decision.Proceed
                    ? $"The -Hook check passed: CONTINUE sent for PAUSE hook {hook.HookId} at {hook.Stage}."
                    : $"ROLLBACK sent for PAUSE hook {hook.HookId} at {hook.Stage}: {decision.Reason}.",
                timestamp: null, isFailure: !decision.Proceed));
            return true;
        }

        private static string StepText(EcsDeployment d) =>
            d.TrafficStep == null ? "" : $", before production step {d.TrafficStep} of {d.TrafficStepCount} ({d.ProductionTrafficWeight ?? 0:0.#} % → {d.NextProductionTrafficWeight:0.#} %)";

        // The endpoints do not move during a deployment: read once, and a failed read leaves them unset
        // (the check still runs; it is the check's to decide what a missing endpoint means).
        private async Task DescribeTrafficAsync(WatchedDeployment w, EcsDeployment snapshot, CancellationToken cancellationToken)
        {
            if (w.Endpoints == null && w.Service != null)
            {
                try
                {
                    w.Endpoints = await TrafficEndpointReader.ReadAsync(_elbFor(w.Source), w.Service, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
                {
                    _reporter.Warning($"{w.Subject}: could not read the test and production listener rules from ELBv2 ({ex.Message}); the -Hook check runs without TestEndpoint.");
                    w.Endpoints = (null, null);
                }
            }

            snapshot.TestEndpoint = w.Endpoints?.Test;
            snapshot.ProductionEndpoint = w.Endpoints?.Production;
            var configuration = w.ServiceDeployment?.DeploymentConfiguration ?? w.Service?.DeploymentConfiguration;
            var step = configuration == null || snapshot.PendingHook?.Stage != LifecycleStages.PreProductionTrafficShift
                ? null
                : TrafficSteps.Next(configuration, snapshot.ProductionTrafficWeight ?? 0);
            if (step != null)
            {
                snapshot.TrafficStep = step.Value.Step;
                snapshot.TrafficStepCount = step.Value.Count;
                snapshot.NextProductionTrafficWeight = step.Value.NextWeight;
            }
        }
    }
}
