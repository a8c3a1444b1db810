using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>
    /// The windows of a service's recent deployments, from its tasks alone: ECS keeps stopped tasks
    /// about an hour, each tagged with its deployment (startedBy). Consecutive deployments, ordered by
    /// their first task, make one window each; the split uses the replaced tasks' stoppingAt (when ECS
    /// stopped them because the new ones were healthy) for both the end of starting and the drain start.
    /// </summary>
    public static class WindowHistory
    {
        private static readonly TimeSpan MatchTolerance = TimeSpan.FromSeconds(10);

        /// <summary>Sets Window on the listed deployments it can measure (they are the listing's own new objects).</summary>
        public static async Task AttachAsync(IEcsApi ecs, string cluster, string service, IReadOnlyList<EcsDeployment> deployments, PriceTable pricing,
            IReporter reporter, CancellationToken cancellationToken)
        {
            try
            {
                await AttachCoreAsync(ecs, cluster, service, deployments, pricing, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
            {
                // The windows are extra evidence: the listing stands without them.
                reporter.Verbose($"Could not read the tasks of {service} ({ex.Message}); the history shows no windows.");
            }
        }

        private static async Task AttachCoreAsync(IEcsApi ecs, string cluster, string service, IReadOnlyList<EcsDeployment> deployments, PriceTable pricing, CancellationToken cancellationToken)
        {
            var arns = new List<string>();
            foreach (var status in new[] { EcsTaskStatus.Running, EcsTaskStatus.Stopped })
            {
                arns.AddRange(await ecs.ListTasksAsync(new ListTasksRequest { Cluster = cluster, ServiceName = service, DesiredStatus = status }, cancellationToken).ConfigureAwait(false));
            }

            if (arns.Count == 0)
            {
                return;
            }

            var tasks = await ecs.DescribeTasksAsync(cluster, arns.Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
            var groups = tasks.Where(t => t.StartedBy != null && t.CreatedAt.HasValue)
                .GroupBy(t => t.StartedBy!, StringComparer.Ordinal)
                .OrderBy(g => g.Min(t => t.CreatedAt!.Value))
                .ToList();
            for (var i = 1; i < groups.Count; i++)
            {
                var fresh = groups[i].ToList();
                var old = groups[i - 1].ToList();
                var target = Match(deployments, groups[i].Key, fresh.Min(t => t.CreatedAt!.Value));
                if (target == null || target.Window != null)
                {
                    continue;
                }

                var spans = fresh.Select(t => Span(t, true)).Concat(old.Select(t => Span(t, false))).ToList();
                var firstNew = spans.Where(s => s.IsNew).Min(s => s.Start);
                var stopsBegan = old.Where(t => t.StoppingAt.HasValue && t.StoppingAt.Value >= firstNew).Select(t => (DateTimeOffset?)t.StoppingAt!.Value).Min();
                var desired = target.DesiredCount > 0 ? target.DesiredCount : fresh.Count(t => t.StoppedAt == null);
                var window = WindowCalculator.Compute(spans, desired, stopsBegan, stopsBegan);
                var sample = fresh.FirstOrDefault(t => t.Cpu != null && t.Memory != null);
                if (window != null && sample != null)
                {
                    window.EstimatedCost = WindowPricing.Price(window.ExtraTaskSeconds, sample, target.Region, pricing);
                }

                target.Window = window;
            }
        }

        private static EcsDeployment? Match(IReadOnlyList<EcsDeployment> deployments, string startedBy, DateTimeOffset firstTaskCreated) =>
            deployments.FirstOrDefault(d => d.DeploymentId == startedBy) ??
            deployments.FirstOrDefault(d => d.DeploymentId == null && d.StartedAt.HasValue && (firstTaskCreated - d.StartedAt.Value).Duration() <= MatchTolerance);

        private static TaskSpan Span(EcsTask t, bool isNew) =>
            new TaskSpan(t.TaskArn.Substring(t.TaskArn.LastIndexOf('/') + 1), isNew, t.PullStartedAt ?? t.StartedAt ?? t.CreatedAt!.Value, t.StoppedAt);
    }
}
