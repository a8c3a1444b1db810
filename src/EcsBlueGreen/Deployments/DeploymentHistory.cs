using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// The deployments of a service as EcsDeployment objects, so a deployment started elsewhere
    /// (console, CI, another tool) can be waited on or undone.
    /// </summary>
    public sealed class DeploymentHistory
    {
        private readonly IEcsApi _ecs;

        public DeploymentHistory(IEcsApi ecs)
        {
            _ecs = ecs;
        }

        public async Task<IReadOnlyList<EcsDeployment>> GetAsync(string cluster, string serviceName, bool includeHistory, CancellationToken cancellationToken)
        {
            var service = await ServiceLookup.DescribeOneAsync(_ecs, cluster, serviceName, cancellationToken).ConfigureAwait(false);
            var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
            var previous = service.Deployments.Where(d => d.Status != "PRIMARY").OrderByDescending(d => d.CreatedAt).FirstOrDefault();
            var result = new List<EcsDeployment>();
            foreach (var entry in service.Deployments.OrderByDescending(d => d.CreatedAt))
            {
                var deployment = new EcsDeployment
                {
                    Cluster = cluster,
                    Service = service.ServiceName,
                    DeploymentId = entry.Id,
                    TaskDefinitionArn = entry.TaskDefinition,
                    PreviousTaskDefinitionArn = entry == primary ? previous?.TaskDefinition : null,
                    StartedAt = entry.CreatedAt,
                    RunningCount = entry.RunningCount,
                    DesiredCount = entry.DesiredCount,
                    PendingCount = entry.PendingCount,
                    CircuitBreaker = new CircuitBreakerState
                    {
                        Enabled = service.DeploymentConfiguration.CircuitBreakerEnabled,
                        Rollback = service.DeploymentConfiguration.CircuitBreakerRollback,
                        FailureCount = entry.FailedTasks,
                        Threshold = CircuitBreakerState.DefaultThreshold(service.DesiredCount),
                    },
                    ServiceDeploymentArn = entry == primary ? service.CurrentServiceDeployment : null,
                };
                var verdict = DeploymentJudge.Judge(deployment, service, null);
                deployment.Status = verdict.Status;
                deployment.StatusReason = verdict.IsTerminal ? verdict.Reason : entry.RolloutStateReason;
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
                    Status = FromServiceDeploymentStatus(b.Status),
                    StatusReason = b.StatusReason ?? b.Status,
                }).ToList();
            }
            catch (AwsServiceException ex) when (ServiceDeploymentLookup.IsUnavailable(ex))
            {
                return Array.Empty<EcsDeployment>();
            }
        }

        private static DeploymentStatus FromServiceDeploymentStatus(string status)
        {
            switch (status)
            {
                case "SUCCESSFUL": return DeploymentStatus.Succeeded;
                case "STOPPED": return DeploymentStatus.Stopped;
                case "ROLLBACK_SUCCESSFUL":
                case "ROLLBACK_FAILED":
                case "ROLLBACK_IN_PROGRESS":
                case "ROLLBACK_REQUESTED": return DeploymentStatus.RolledBack;
                default: return DeploymentStatus.InProgress;
            }
        }
    }
}
