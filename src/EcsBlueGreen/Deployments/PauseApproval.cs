using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>A native deployment waiting at a PAUSE hook, read fresh from ECS.</summary>
    public sealed class PausedDeployment
    {
        public PausedDeployment(ServiceDeployment serviceDeployment, LifecycleHookDetail hook)
        {
            ServiceDeployment = serviceDeployment;
            Hook = hook;
        }

        public ServiceDeployment ServiceDeployment { get; }

        public LifecycleHookDetail Hook { get; }

        public string Describe(string action) =>
            $"{action} service deployment {ServiceDeployment.ServiceDeploymentArn} at its PAUSE hook {Hook.HookId}" +
            (ServiceDeployment.LifecycleStage != null ? $" (stage {ServiceDeployment.LifecycleStage})" : "") +
            (Hook.ExpiresAt.HasValue ? $"; otherwise ECS applies {Hook.TimeoutAction ?? LifecycleHookValues.Rollback} at {Hook.ExpiresAt.Value.UtcDateTime:u}" : "");
    }

    /// <summary>A service deployment read fresh from ECS, and the PAUSE hook it waits at now (null when none).</summary>
    public sealed class ServiceDeploymentNow
    {
        public ServiceDeploymentNow(string? arn, ServiceDeployment? deployment, PausedDeployment? paused)
        {
            Arn = arn;
            Deployment = deployment;
            Paused = paused;
        }

        /// <summary>Null when no ARN was given and the service has no deployment in progress.</summary>
        public string? Arn { get; }

        /// <summary>Null when ECS does not know the ARN.</summary>
        public ServiceDeployment? Deployment { get; }

        public PausedDeployment? Paused { get; }
    }

    /// <summary>
    /// Approving a paused deployment: what is paused is read from ECS each time, never from the object a
    /// pipeline carried, so a second job (a manual-validation gate) approves what ECS holds now, and a
    /// second approval finds nothing to approve instead of continuing a later hook.
    /// </summary>
    public static class PauseApproval
    {
        public static async Task<PausedDeployment> FindAsync(IEcsApi ecs, string cluster, string service, string? serviceDeploymentArn, CancellationToken cancellationToken)
        {
            var now = await ReadAsync(ecs, cluster, service, serviceDeploymentArn, cancellationToken).ConfigureAwait(false);
            if (now.Arn == null)
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.DeploymentNotPaused,
                    $"Service {cluster}/{service} has no deployment in progress, so nothing waits for approval.");
            }

            if (now.Paused == null)
            {
                var deployment = now.Deployment;
                throw new EcsBlueGreenException(Errors.ErrorIds.DeploymentNotPaused,
                    $"Service deployment {now.Arn} of {cluster}/{service} does not wait at a PAUSE hook" +
                    (deployment != null ? $" (status {deployment.Status}, stage {deployment.LifecycleStage ?? "none"})." : " (ECS does not know it)."));
            }

            return now.Paused;
        }

        /// <summary>
        /// The service deployment as ECS reports it now (the given one, else the service's one in progress)
        /// and the PAUSE hook it waits at, if any. Throws nothing for a deployment that is not paused.
        /// </summary>
        public static async Task<ServiceDeploymentNow> ReadAsync(IEcsApi ecs, string cluster, string service, string? serviceDeploymentArn, CancellationToken cancellationToken)
        {
            var arn = serviceDeploymentArn;
            if (arn == null)
            {
                var ongoing = await ecs.ListServiceDeploymentsAsync(cluster, service,
                    new[] { ServiceDeploymentStates.ToWire(ServiceDeploymentState.InProgress) }, cancellationToken).ConfigureAwait(false);
                arn = ongoing.FirstOrDefault()?.ServiceDeploymentArn;
            }

            if (arn == null)
            {
                return new ServiceDeploymentNow(null, null, null);
            }

            var deployment = (await ecs.DescribeServiceDeploymentsAsync(new[] { arn }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            var hook = deployment?.LifecycleHookDetails.LastOrDefault(h => h.IsPause && h.IsAwaitingAction);
            var paused = deployment == null || hook == null || deployment.State != ServiceDeploymentState.InProgress ? null : new PausedDeployment(deployment, hook);
            return new ServiceDeploymentNow(arn, deployment, paused);
        }

        /// <summary>
        /// DeploymentNotPaused unless ECS, as read now, still holds the deployment at the hook run found
        /// before (a confirmation prompt, a second job may have answered it since).
        /// </summary>
        public static void ThrowUnlessStillPaused(ServiceDeploymentNow now, PausedDeployment paused, string nothingDone)
        {
            if (now.Paused?.Hook.HookId != paused.Hook.HookId)
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.DeploymentNotPaused,
                    $"Service deployment {paused.ServiceDeployment.ServiceDeploymentArn} no longer waits at PAUSE hook {paused.Hook.HookId} " +
                    $"(status {now.Deployment?.Status ?? "unknown"}, stage {now.Deployment?.LifecycleStage ?? "none"}); {nothingDone}. Get-EcsDeployment shows where it is now.");
            }
        }

        /// <summary>Continues the deployment past its hook; returns the deployment to follow, with the service-deployment ARN set.</summary>
        public static async Task<EcsDeployment> ContinueAsync(IEcsApi ecs, EcsDeployment approved, PausedDeployment paused, CancellationToken cancellationToken)
        {
            // Found before a confirmation prompt: the hook must still be the one ECS holds.
            var now = await ReadAsync(ecs, approved.Cluster, approved.Service, paused.ServiceDeployment.ServiceDeploymentArn, cancellationToken).ConfigureAwait(false);
            ThrowUnlessStillPaused(now, paused, "nothing was approved");

            await ecs.ContinueServiceDeploymentAsync(paused.ServiceDeployment.ServiceDeploymentArn, paused.Hook.HookId,
                LifecycleHookValues.Continue, cancellationToken).ConfigureAwait(false);
            var next = approved.Copy();
            next.ServiceDeploymentArn = paused.ServiceDeployment.ServiceDeploymentArn;
            next.Status = DeploymentStatus.InProgress;
            next.StatusReason = $"Approved at {paused.ServiceDeployment.LifecycleStage ?? "its PAUSE hook"} (hook {paused.Hook.HookId}).";
            next.Verdict = null;
            return next;
        }
    }
}
