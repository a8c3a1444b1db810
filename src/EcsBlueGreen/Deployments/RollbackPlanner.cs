using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Undoes a deployment: a rollback request to ECS while it is still in flight (for a native
    /// deployment ECS holds at a PAUSE hook, the hook's ROLLBACK action), otherwise an UpdateService back
    /// to the last task definition that succeeded — never "the previous revision number", never a
    /// deregistration, and nothing at all for a deployment ECS already rolls back.
    /// </summary>
    public sealed class RollbackPlanner
    {
        private readonly IEcsApi _ecs;
        private readonly IReporter _reporter;
        private readonly TimeProvider _clock;
        private readonly ServiceDeploymentsFallback _fallback;

        public RollbackPlanner(IEcsApi ecs, IReporter reporter)
            : this(ecs, reporter, TimeProvider.System)
        {
        }

        public RollbackPlanner(IEcsApi ecs, IReporter reporter, ServiceDeploymentsFallback fallback)
            : this(ecs, reporter, TimeProvider.System, fallback)
        {
        }

        public RollbackPlanner(IEcsApi ecs, IReporter reporter, TimeProvider clock)
            : this(ecs, reporter, clock, new ServiceDeploymentsFallback())
        {
        }

        /// <param name="fallback">The invocation's: it warns once however many of its calls fall back.</param>
        public RollbackPlanner(IEcsApi ecs, IReporter reporter, TimeProvider clock, ServiceDeploymentsFallback fallback)
        {
            _ecs = ecs;
            _reporter = reporter;
            _clock = clock;
            _fallback = fallback;
        }

        /// <summary>Decided before any write, so the cmdlet can ask ShouldProcess with it.</summary>
        public sealed class Plan
        {
            public EcsService Service { get; set; } = new EcsService();
            public EcsDeployment Undone { get; set; } = new EcsDeployment();
            /// <summary>Set when ECS is asked to roll back the in-flight service deployment.</summary>
            public string? StopServiceDeploymentArn { get; set; }
            /// <summary>Set when the native deployment waits at this PAUSE hook: its ROLLBACK action undoes it.</summary>
            public PausedDeployment? PausedAt { get; set; }
            /// <summary>Set when the service is updated back to this task definition.</summary>
            public string? TargetTaskDefinitionArn { get; set; }
            public string Why { get; set; } = "";

            public string Describe() => PausedAt != null
                ? $"roll back service deployment {PausedAt.ServiceDeployment.ServiceDeploymentArn} at its PAUSE hook {PausedAt.Hook.HookId}" +
                  $" (stage {PausedAt.ServiceDeployment.LifecycleStage ?? "unknown"}) with ContinueServiceDeployment action ROLLBACK; ECS moves production traffic back to the revision before it"
                : StopServiceDeploymentArn != null
                ? $"ask ECS to roll back service deployment {StopServiceDeploymentArn} ({Why})" +
                  (TargetTaskDefinitionArn == null ? "" : $"; if ECS refuses, update the service back to {TargetTaskDefinitionArn}")
                : $"update service {Service.ServiceName} back to {TargetTaskDefinitionArn} ({Why})";
        }

        public async Task<Plan> PlanAsync(EcsDeployment undone, string? toTaskDefinition, CancellationToken cancellationToken)
        {
            ArnCheck.BeforeCalls(undone.Cluster, undone.Service, toTaskDefinition, undone.Region);
            var service = await ServiceLookup.DescribeOneAsync(_ecs, undone.Cluster, undone.Service, cancellationToken).ConfigureAwait(false);
            Guardrails.ThrowIfNotEcsController(service);
            var plan = new Plan { Service = service, Undone = undone };

            if (toTaskDefinition != null)
            {
                var chosen = await TaskDefinitionLookup.DescribeChosenAsync(_ecs, service, "-ToTaskDefinition", toTaskDefinition, cancellationToken).ConfigureAwait(false);
                plan.TargetTaskDefinitionArn = chosen.Arn;
                plan.Why = "the task definition given with -ToTaskDefinition";
                return plan;
            }

            var ours = service.Deployment(undone.DeploymentId);
            var inFlight = ours != null && ours.RolloutState == RolloutState.InProgress;
            var now = await ServiceDeploymentNowAsync(service, undone, ours, inFlight, cancellationToken).ConfigureAwait(false);
            ThrowIfAlreadyRolledBack(service, undone, now);
            if (now?.Paused != null)
            {
                plan.PausedAt = now.Paused;
                plan.Why = $"deployment {undone.DeploymentId} waits at a PAUSE hook";
                plan.TargetTaskDefinitionArn = (await LastSuccessfulTaskDefinitionAsync(service, undone, cancellationToken).ConfigureAwait(false))?.Arn;
                return plan;
            }

            if (inFlight && undone.ServiceDeploymentArn != null)
            {
                plan.StopServiceDeploymentArn = undone.ServiceDeploymentArn;
                plan.Why = $"deployment {undone.DeploymentId} is still in flight";
                // Decided now, so what the user confirms includes the fallback.
                plan.TargetTaskDefinitionArn = (await LastSuccessfulTaskDefinitionAsync(service, undone, cancellationToken).ConfigureAwait(false))?.Arn;
                return plan;
            }

            var target = await LastSuccessfulTaskDefinitionAsync(service, undone, cancellationToken).ConfigureAwait(false);
            if (target == null)
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.NoRollbackTarget,
                    $"No earlier successful deployment of {service.ServiceName} is known to roll back to. Pass the task definition to return to with -ToTaskDefinition family:revision.");
            }

            plan.TargetTaskDefinitionArn = target.Value.Arn;
            plan.Why = target.Value.Why;
            return plan;
        }

        public async Task<EcsDeployment> ExecuteAsync(Plan plan, CancellationToken cancellationToken)
        {
            var undone = plan.Undone;
            var subject = $"{undone.Cluster}/{plan.Service.ServiceName}";
            var rollback = new EcsDeployment
            {
                Kind = DeploymentKind.Rollback,
                Cluster = undone.Cluster,
                Service = plan.Service.ServiceName,
                RollbackOf = undone.DeploymentId,
                PreviousTaskDefinitionArn = plan.Service.TaskDefinition,
                PreviousImage = undone.Image,
                Connection = undone.Connection,
                Region = undone.Region,
                EndpointUrl = undone.EndpointUrl,
                ProfileName = undone.ProfileName,
            };

            if (plan.PausedAt != null)
            {
                // No fallback: a hook that ended meanwhile was continued or rolled back by ECS itself, and
                // an UpdateService then would start a deployment nobody asked for.
                var arn = plan.PausedAt.ServiceDeployment.ServiceDeploymentArn;
                // The plan may be a confirmation prompt old: the hook must still be the one ECS holds.
                var now = await PauseApproval.ReadAsync(_ecs, undone.Cluster, undone.Service, arn, cancellationToken).ConfigureAwait(false);
                ThrowIfAlreadyRolledBack(plan.Service, undone, now);
                PauseApproval.ThrowUnlessStillPaused(now, plan.PausedAt, "nothing was rolled back");

                await _ecs.ContinueServiceDeploymentAsync(arn, plan.PausedAt.Hook.HookId, LifecycleHookValues.Rollback, cancellationToken).ConfigureAwait(false);
                rollback.ServiceDeploymentArn = arn;
                rollback.TaskDefinitionArn = plan.TargetTaskDefinitionArn ?? undone.PreviousTaskDefinitionArn;
                rollback.Image = undone.PreviousImage;
                _reporter.Information(new InformationMessage(InformationKind.Step, subject,
                    $"Rolled back {undone.DeploymentId} at its PAUSE hook {plan.PausedAt.Hook.HookId} ({plan.PausedAt.ServiceDeployment.LifecycleStage ?? "stage unknown"}); ECS moves production traffic back."));
                var after = await ServiceLookup.DescribeOneAsync(_ecs, undone.Cluster, undone.Service, cancellationToken).ConfigureAwait(false);
                rollback.StartedAt = after.Deployments.Max(d => d.UpdatedAt) ?? _clock.GetUtcNow();
                return rollback;
            }

            if (plan.StopServiceDeploymentArn != null)
            {
                try
                {
                    await _ecs.StopServiceDeploymentAsync(plan.StopServiceDeploymentArn, "ROLLBACK", cancellationToken).ConfigureAwait(false);
                    rollback.ServiceDeploymentArn = plan.StopServiceDeploymentArn;
                    rollback.TaskDefinitionArn = plan.TargetTaskDefinitionArn ?? undone.PreviousTaskDefinitionArn;
                    rollback.Image = undone.PreviousImage;
                    rollback.StartedAt = _clock.GetUtcNow();
                    _reporter.Information(new InformationMessage(InformationKind.Step, subject, $"Asked ECS to roll back {undone.DeploymentId} ({plan.StopServiceDeploymentArn})."));
                    var after = await ServiceLookup.DescribeOneAsync(_ecs, undone.Cluster, undone.Service, cancellationToken).ConfigureAwait(false);
                    rollback.StartedAt = after.Deployments.Max(d => d.UpdatedAt) ?? rollback.StartedAt;
                    return rollback;
                }
                catch (Exception ex) when (ServiceDeploymentsFallback.CanFallBack(ex))
                {
                    // Finished meanwhile (ConflictException), denied or failing: update the service back ourselves.
                    if (ex is AwsServiceException conflict && conflict.ErrorCode == "ConflictException")
                    {
                        _reporter.Verbose($"StopServiceDeployment answered {conflict.ErrorCode}; updating the service back instead.");
                    }
                    else
                    {
                        _fallback.FellBack(_reporter, ex);
                    }

                    if (plan.TargetTaskDefinitionArn == null)
                    {
                        throw new EcsBlueGreenException(Errors.ErrorIds.NoRollbackTarget,
                            $"ECS refused the rollback ({(ex as AwsServiceException)?.ErrorCode ?? ServiceDeploymentsFallback.Answer(ex)}) and no earlier successful deployment is known. Pass -ToTaskDefinition.", ex);
                    }
                }
            }

            var known = new HashSet<string>(plan.Service.Deployments.Select(d => d.Id));
            var updated = await _ecs.UpdateServiceAsync(new UpdateServiceRequest
            {
                Cluster = undone.Cluster,
                Service = plan.Service.ServiceName,
                TaskDefinition = plan.TargetTaskDefinitionArn,
                ForceNewDeployment = true,
            }, cancellationToken).ConfigureAwait(false);
            var created = CreatedDeployment.Find(updated, known, plan.TargetTaskDefinitionArn!);
            rollback.DeploymentId = created?.Id;
            rollback.StartedAt = created?.CreatedAt;
            rollback.TaskDefinitionArn = plan.TargetTaskDefinitionArn;
            rollback.DesiredCount = created?.DesiredCount ?? updated.DesiredCount;
            var targetDefinition = await _ecs.DescribeTaskDefinitionAsync(plan.TargetTaskDefinitionArn!, cancellationToken).ConfigureAwait(false);
            var container = targetDefinition.ContainerDefinitions.FirstOrDefault(c => undone.ContainerName == null || (string?)c["name"] == undone.ContainerName);
            rollback.Image = container == null ? null : (string?)container["image"];
            rollback.ContainerName = container == null ? null : (string?)container["name"];
            rollback.CircuitBreaker = CircuitBreakerState.For(updated);
            rollback.ServiceDeploymentArn = await ServiceDeploymentLookup.FindArnAsync(_ecs, undone.Cluster, updated, rollback, _reporter, _fallback, cancellationToken).ConfigureAwait(false);
            _reporter.Information(new InformationMessage(InformationKind.Step, subject, $"Rolling back to {plan.TargetTaskDefinitionArn} as deployment {rollback.DeploymentId}."));
            return rollback;
        }

        // What ECS says of the undone deployment's service deployment now: the one the object carries,
        // else for a native deployment in flight the service's one in progress, else (the PRIMARY as
        // Get-EcsDeployment lists it after a rollback) the service's current one. Null when none applies
        // or the service-deployments API cannot be used (the plan then goes on as without it).
        private async Task<ServiceDeploymentNow?> ServiceDeploymentNowAsync(EcsService service, EcsDeployment undone, DeploymentEntry? ours, bool inFlight, CancellationToken cancellationToken)
        {
            var native = DeploymentStrategies.ShiftsTraffic(undone.Strategy ?? service.DeploymentConfiguration.Strategy);
            if (inFlight && !native)
            {
                // A rolling deployment in flight has no hook: ECS's own rollback is asked for as before (a
                // second StopServiceDeployment ROLLBACK is a no-op continuation for ECS), with no extra read.
                return null;
            }

            var arn = undone.ServiceDeploymentArn ?? (ours != null && ours.IsPrimary && !inFlight ? service.CurrentServiceDeployment : null);
            if (arn == null && !(native && inFlight))
            {
                return null;
            }

            try
            {
                return await PauseApproval.ReadAsync(_ecs, undone.Cluster, service.ServiceName, arn, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ServiceDeploymentsFallback.CanFallBack(ex))
            {
                _fallback.FellBack(_reporter, ex);
                return null;
            }
        }

        private static void ThrowIfAlreadyRolledBack(EcsService service, EcsDeployment undone, ServiceDeploymentNow? now)
        {
            var sd = now?.Deployment;
            if (sd == null)
            {
                return;
            }

            switch (sd.State)
            {
                case ServiceDeploymentState.RollbackRequested:
                case ServiceDeploymentState.RollbackInProgress:
                case ServiceDeploymentState.RollbackSuccessful:
                    throw new EcsBlueGreenException(Errors.ErrorIds.DeploymentAlreadyRolledBack,
                        $"ECS already rolls back service deployment {sd.ServiceDeploymentArn} of {undone.Cluster}/{service.ServiceName} (status {sd.Status})" +
                        (sd.RollbackReason != null ? $": {sd.RollbackReason}" : ".") + " Nothing was changed.");
            }
        }

        private async Task<(string Arn, string Why)?> LastSuccessfulTaskDefinitionAsync(EcsService service, EcsDeployment undone, CancellationToken cancellationToken)
        {
            // A COMPLETED deployment other than the one being undone, still listed beside it.
            var completed = service.Deployments
                .Where(d => d.Id != undone.DeploymentId && d.RolloutState == RolloutState.Completed)
                .OrderByDescending(d => d.CreatedAt)
                .FirstOrDefault();
            if (completed != null)
            {
                return (completed.TaskDefinition, $"deployment {completed.Id} is the last that completed");
            }

            var fromHistory = await ServiceRevisionHistory.LastSuccessfulBeforeAsync(_ecs, undone, service, _reporter, _fallback, cancellationToken).ConfigureAwait(false);
            if (fromHistory != null)
            {
                return (fromHistory, "the last successful service deployment before it");
            }

            if (undone.PreviousTaskDefinitionArn != null)
            {
                return (undone.PreviousTaskDefinitionArn, "the task definition the service ran before this deployment");
            }

            return null;
        }
    }
}
