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
    /// The deployments of a service as EcsDeployment objects, so a deployment started elsewhere
    /// (console, CI, another tool) can be waited on or undone.
    /// </summary>
    public sealed class DeploymentHistory
    {
        private readonly IEcsApi _ecs;
        private readonly IReporter _reporter;
        private readonly ServiceDeploymentsFallback _fallback;

        public DeploymentHistory(IEcsApi ecs)
            : this(ecs, NullReporter.Instance, new ServiceDeploymentsFallback())
        {
        }

        /// <param name="fallback">The invocation's: it warns once however many of its calls fall back.</param>
        public DeploymentHistory(IEcsApi ecs, IReporter reporter, ServiceDeploymentsFallback fallback)
        {
            _ecs = ecs;
            _reporter = reporter;
            _fallback = fallback;
        }

        /// <summary>What a wait on a service follows, from its listing (PRIMARY first): the deployment in progress, else the newest.</summary>
        public static EcsDeployment? CurrentOf(IReadOnlyList<EcsDeployment> listing) =>
            listing.FirstOrDefault(d => d.Status == DeploymentStatus.InProgress) ?? listing.FirstOrDefault();

        /// <summary>
        /// When the PRIMARY is ECS going back from the newest deployment (its circuit breaker, an alarm, a
        /// hook's timeout), that rolled-back deployment: the news a wait on the service must tell, since
        /// the job that started it may not have lived to. Null otherwise.
        /// </summary>
        public static EcsDeployment? RolledBackOf(IReadOnlyList<EcsDeployment> listing) =>
            listing.Count > 0 && listing[0].Kind == DeploymentKind.Rollback
                ? listing.Skip(1).FirstOrDefault(d => d.Kind == DeploymentKind.Deployment && d.DeploymentId != null)
                : null;

        public async Task<IReadOnlyList<EcsDeployment>> GetAsync(string cluster, string serviceName, bool includeHistory, CancellationToken cancellationToken)
        {
            var service = await ServiceLookup.DescribeOneAsync(_ecs, cluster, serviceName, cancellationToken).ConfigureAwait(false);
            var primary = service.Primary;
            var previous = service.Deployments.Where(d => !d.IsPrimary).OrderByDescending(d => d.CreatedAt).FirstOrDefault();
            var result = new List<EcsDeployment>();
            var images = await ImagesByTaskDefinitionAsync(service, cancellationToken).ConfigureAwait(false);
            var primaryServiceDeployment = primary == null ? null : await ServiceDeploymentOfAsync(service, primary, cancellationToken).ConfigureAwait(false);
            // After ECS rolled the newest deployment back, the service's current service deployment is that
            // deployment's (its stages, hooks and rollback reason); the PRIMARY is the one it went back to.
            var rolledBack = primary != null && primary.IsRollbackTarget ? previous : null;
            var rolledBackServiceDeployment = rolledBack == null ? null : await ServiceDeploymentOfAsync(service, rolledBack, cancellationToken).ConfigureAwait(false);
            // PRIMARY first (what the service is heading to), then the older ones, newest first.
            foreach (var entry in service.Deployments.OrderBy(d => d.IsPrimary ? 0 : 1).ThenByDescending(d => d.CreatedAt))
            {
                var deployment = new EcsDeployment
                {
                    Cluster = cluster,
                    Service = service.ServiceName,
                    DeploymentId = entry.Id,
                    TaskDefinitionArn = entry.TaskDefinition,
                    PreviousTaskDefinitionArn = entry == primary ? previous?.TaskDefinition : null,
                    // A rollback target began its second life when the rollback started.
                    StartedAt = entry.IsRollbackTarget ? entry.UpdatedAt ?? entry.CreatedAt : entry.CreatedAt,
                    RunningCount = entry.RunningCount,
                    DesiredCount = entry.DesiredCount,
                    PendingCount = entry.PendingCount,
                    CircuitBreaker = CircuitBreakerState.For(service, entry.FailedTasks),
                    ServiceDeploymentArn = entry == primary ? primaryServiceDeployment?.ServiceDeploymentArn
                        : entry == rolledBack ? rolledBackServiceDeployment?.ServiceDeploymentArn : null,
                    Kind = entry.IsRollbackTarget ? DeploymentKind.Rollback : DeploymentKind.Deployment,
                };
                if (images.TryGetValue(entry.TaskDefinition, out var image))
                {
                    deployment.ContainerName = image.Container;
                    deployment.Image = image.Image;
                }

                if (deployment.PreviousTaskDefinitionArn != null && images.TryGetValue(deployment.PreviousTaskDefinitionArn, out var before))
                {
                    deployment.PreviousImage = before.Image;
                }

                if (entry == primary && primaryServiceDeployment != null)
                {
                    NativeProgress.Describe(deployment, service, primaryServiceDeployment);
                }

                var verdict = DeploymentJudge.Judge(deployment, service, null);
                deployment.Status = verdict.Status;
                deployment.Verdict = verdict;
                // A judged deployment's words are rendered from its verdict; one in flight shows ECS's own.
                deployment.StatusReason = verdict.IsTerminal ? null : entry.RolloutStateReason;
                if (verdict.IsTerminal)
                {
                    deployment.CompletedAt = entry.UpdatedAt;
                }

                result.Add(deployment);
            }

            if (includeHistory)
            {
                result.AddRange(await ServiceDeploymentsAsync(cluster, service, result, cancellationToken).ConfigureAwait(false));
            }

            return result;
        }

        // ECS creates no service deployment for a circuit-breaker rollback, so after one the service's
        // current service deployment belongs to the failed deployment, not to the PRIMARY: it is an
        // entry's only when it was created with it.
        private async Task<ServiceDeployment?> ServiceDeploymentOfAsync(EcsService service, DeploymentEntry entry, CancellationToken cancellationToken)
        {
            if (service.CurrentServiceDeployment == null || entry.CreatedAt == null || entry.IsRollbackTarget)
            {
                return null;
            }

            try
            {
                var described = await _ecs.DescribeServiceDeploymentsAsync(new[] { service.CurrentServiceDeployment }, cancellationToken).ConfigureAwait(false);
                var current = described.FirstOrDefault();
                var createdAt = current?.CreatedAt;
                return createdAt.HasValue && Math.Abs((createdAt.Value - entry.CreatedAt.Value).TotalSeconds) <= 10 ? current : null;
            }
            catch (Exception ex) when (ServiceDeploymentsFallback.CanFallBack(ex))
            {
                _fallback.FellBack(_reporter, ex);
                return null;
            }
        }

        // The image of each task definition the deployments run (the first essential container's), so
        // a listing says which version is where. Read-only calls, one per distinct revision.
        private async Task<Dictionary<string, (string Container, string Image)>> ImagesByTaskDefinitionAsync(EcsService service, CancellationToken cancellationToken)
        {
            var images = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var arn in service.Deployments.Select(d => d.TaskDefinition).Distinct(StringComparer.Ordinal))
            {
                try
                {
                    var definition = await _ecs.DescribeTaskDefinitionAsync(arn, cancellationToken).ConfigureAwait(false);
                    var container = definition.ContainerDefinitions.FirstOrDefault(c => (bool?)c["essential"] != false) ?? definition.ContainerDefinitions.FirstOrDefault();
                    if (container != null)
                    {
                        images[arn] = ((string?)container["name"] ?? "", (string?)container["image"] ?? "");
                    }
                }
                catch (AwsServiceException)
                {
                    // A deregistered or unreadable revision only costs the image column.
                }
            }

            return images;
        }

        private async Task<IReadOnlyList<EcsDeployment>> ServiceDeploymentsAsync(string cluster, EcsService service, List<EcsDeployment> current, CancellationToken cancellationToken)
        {
            try
            {
                var briefs = await _ecs.ListServiceDeploymentsAsync(cluster, service.ServiceName, null, cancellationToken).ConfigureAwait(false);
                var known = new HashSet<string>(current.Where(c => c.ServiceDeploymentArn != null).Select(c => c.ServiceDeploymentArn!));
                return briefs.Where(b => !known.Contains(b.ServiceDeploymentArn)).Select(b => new EcsDeployment
                {
                    Cluster = cluster,
                    Service = service.ServiceName,
                    ServiceDeploymentArn = b.ServiceDeploymentArn,
                    StartedAt = b.StartedAt ?? b.CreatedAt,
                    CompletedAt = b.FinishedAt,
                    Status = FromServiceDeploymentState(ServiceDeploymentStates.Parse(b.Status)),
                    StatusReason = b.StatusReason ?? b.Status,
                }).ToList();
            }
            catch (Exception ex) when (ServiceDeploymentsFallback.CanFallBack(ex))
            {
                _fallback.FellBack(_reporter, ex);
                return Array.Empty<EcsDeployment>();
            }
        }

        private static DeploymentStatus FromServiceDeploymentState(ServiceDeploymentState state)
        {
            if (ServiceDeploymentStates.IsRollback(state))
            {
                return DeploymentStatus.RolledBack;
            }

            switch (state)
            {
                case ServiceDeploymentState.Successful: return DeploymentStatus.Succeeded;
                case ServiceDeploymentState.Stopped: return DeploymentStatus.Stopped;
                default: return DeploymentStatus.InProgress;
            }
        }
    }
}
