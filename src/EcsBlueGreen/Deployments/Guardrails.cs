using System;
using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Pre-flight checks. Errors stop the deployment before anything is written; warnings name the
    /// settings that make a failed rollout slow or silent.
    /// </summary>
    public static class Guardrails
    {
        public static void ThrowIfUnsafe(EcsService service, bool force)
        {
            if (!service.IsActive)
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.ServiceNotActive,
                    $"Service {service.ServiceName} is {service.Status}, not ACTIVE: ECS will not deploy to it. Create or restore the service first.");
            }

            ThrowIfNotEcsController(service);

            var inProgress = service.Deployments.Where(d => d.RolloutState == RolloutState.InProgress || (d.RolloutState == null && !d.IsPrimary)).ToList();
            if (!force && (inProgress.Count > 0 || service.Deployments.Count > 1))
            {
                var ids = string.Join(", ", (inProgress.Count > 0 ? inProgress : service.Deployments.ToList()).Select(d => $"{d.Id} ({d.Status}, {d.RolloutState ?? "no rollout state"})"));
                throw new EcsBlueGreenException(Errors.ErrorIds.DeploymentInProgress,
                    $"Service {service.ServiceName} already has a deployment in progress: {ids}. Wait for it (Wait-EcsSteadyState -Cluster <cluster> -Service {service.ServiceName}) or pass -Force to start anyway.");
            }
        }

        /// <summary>
        /// Every write (a deployment, a rollback) goes through the ECS rolling controller: a CODE_DEPLOY or
        /// EXTERNAL service is changed by its own controller, and an UpdateService behind its back
        /// would fight it.
        /// </summary>
        public static void ThrowIfNotEcsController(EcsService service)
        {
            if (service.DeploymentControllerType != "ECS")
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.UnsupportedDeploymentController,
                    $"Service {service.ServiceName} uses the {service.DeploymentControllerType} deployment controller. EcsBlueGreen drives ECS rolling deployments (and their rollbacks) only; deploy or roll back this service through {(service.DeploymentControllerType == "CODE_DEPLOY" ? "CodeDeploy" : "its external controller")}.");
            }
        }

        public static IEnumerable<string> Warnings(EcsService service, string? image, int? desiredCount)
        {
            var configuration = service.DeploymentConfiguration;
            if (!configuration.CircuitBreakerEnabled)
            {
                yield return $"Service {service.ServiceName} has the deployment circuit breaker off: a broken release keeps starting failing tasks until the wait times out. Enable deploymentCircuitBreaker (enable and rollback).";
            }
            else if (!configuration.CircuitBreakerRollback)
            {
                yield return $"Service {service.ServiceName} has circuit-breaker rollback off: a failed release stays FAILED beside the old one. Use Wait-EcsSteadyState -RollbackOnFailure or enable rollback.";
            }

            if (!service.Deployments.Any(d => d.RolloutState == RolloutState.Completed))
            {
                yield return $"Service {service.ServiceName} has no COMPLETED deployment: if this one fails, the circuit breaker has nothing to roll back to.";
            }

            var desired = desiredCount ?? service.DesiredCount;
            var min = configuration.MinimumHealthyPercent ?? 100;
            var max = configuration.MaximumPercent ?? 200;
            if (desired > 0)
            {
                var canStartExtra = (int)Math.Floor(desired * max / 100.0) > desired;
                var canStopFirst = (int)Math.Ceiling(desired * min / 100.0) < desired;
                if (!canStartExtra && !canStopFirst)
                {
                    yield return $"Service {service.ServiceName} has minimumHealthyPercent {min} and maximumPercent {max} with {desired} desired tasks: ECS can neither start a task first nor stop one first, so the deployment will stall. Use e.g. 100/200.";
                }
            }

            if (image != null && ImageReference.TryParse(image, out var reference) && !reference!.IsPinned)
            {
                yield return $"Image {image} is referenced by the tag '{reference.ShortVersion}', which can be moved to another image while tasks start. Deploy the digest (Publish-EcrImage outputs ImageUri = repository@sha256:...).";
            }
        }
    }
}
