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
    /// Waits for any number of deployments at once: one DescribeServices per 10 services of a cluster
    /// and one DescribeServiceDeployments per 20 ARNs each poll, a verdict per deployment as soon as
    /// ECS reaches it, evidence gathered for every non-success.
    /// </summary>
    public sealed class DeploymentWatcher
    {
        private readonly Func<EcsDeployment, IEcsApi> _clientFor;
        private readonly IReporter _reporter;
        private readonly TimeProvider _clock;
        private readonly HashSet<IEcsApi> _serviceDeploymentsUnavailable = new HashSet<IEcsApi>();

        /// <summary>On the system clock (the cmdlet layer never names TimeProvider: it is a dependency).</summary>
        public DeploymentWatcher(Func<EcsDeployment, IEcsApi> clientFor, IReporter reporter)
            : this(clientFor, reporter, TimeProvider.System)
        {
        }

        public DeploymentWatcher(Func<EcsDeployment, IEcsApi> clientFor, IReporter reporter, TimeProvider clock)
        {
            _clientFor = clientFor;
            _reporter = reporter;
            _clock = clock;
        }

        public async Task<IReadOnlyList<EcsDeployment>> WaitAsync(IReadOnlyList<EcsDeployment> deployments, WaitOptions options, CancellationToken cancellationToken)
        {
            var watched = deployments.Select((d, i) => new WatchedDeployment(d, _clientFor(d), i)).ToList();
            var started = _clock.GetUtcNow();
            var interval = options.PollInterval;

            while (true)
            {
                var pending = watched.Where(w => !w.Deployment.IsTerminal).ToList();
                if (pending.Count == 0)
                {
                    break;
                }

                var throttled = await PollAsync(pending, options, cancellationToken).ConfigureAwait(false);
                pending = pending.Where(w => !w.Deployment.IsTerminal).ToList();
                if (pending.Count == 0)
                {
                    break;
                }

                if (_clock.GetUtcNow() - started >= options.Timeout)
                {
                    foreach (var w in pending)
                    {
                        await FinishAsync(w, new Verdict(DeploymentStatus.TimedOut,
                            $"Still in progress after {options.Timeout}. The deployment goes on; resume waiting with: Wait-EcsSteadyState -Cluster {w.Deployment.Cluster} -Service {w.Deployment.Service}"),
                            null, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }

                interval = throttled
                    ? TimeSpan.FromTicks(Math.Min(options.MaxPollInterval.Ticks, interval.Ticks * 2))
                    : options.PollInterval;
                var remaining = options.Timeout - (_clock.GetUtcNow() - started);
                var delay = remaining < interval ? remaining : interval;
                if (delay > TimeSpan.Zero)
                {
                    await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var w in watched)
            {
                _reporter.Progress(new ProgressReport(w.ProgressId, $"Deployment of {w.Subject}", w.Deployment.Status.ToString(), 100, completed: true));
            }

            return watched.Select(w => w.Deployment).ToList();
        }

        /// <summary>One observation of every pending deployment. Returns true when AWS throttled us.</summary>
        private async Task<bool> PollAsync(List<WatchedDeployment> pending, WaitOptions options, CancellationToken cancellationToken)
        {
            var throttled = false;
            var services = new Dictionary<WatchedDeployment, EcsService?>();
            foreach (var group in pending.GroupBy(w => (w.Ecs, w.Deployment.Cluster)))
            {
                var names = group.Select(w => w.Deployment.Service).Distinct(StringComparer.Ordinal).ToList();
                try
                {
                    var result = await group.Key.Ecs.DescribeServicesAsync(group.Key.Cluster, names, cancellationToken).ConfigureAwait(false);
                    foreach (var w in group)
                    {
                        services[w] = result.Services.FirstOrDefault(s => s.ServiceName == w.Deployment.Service || s.ServiceArn == w.Deployment.Service);
                    }
                }
                catch (AwsServiceException ex) when (ex.IsThrottling || ex.StatusCode >= 500)
                {
                    throttled |= ex.IsThrottling;
                    _reporter.Verbose($"DescribeServices for {group.Key.Cluster} answered {ex.ErrorCode}; trying again at the next poll.");
                }
                catch (AwsTransportException ex)
                {
                    // No answer after the client's retries: transient as far as the wait is concerned.
                    throttled = true;
                    _reporter.Verbose($"DescribeServices for {group.Key.Cluster} got no answer ({ex.Message}); trying again at the next poll.");
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsConfigurationException)
                {
                    // Permanent for these deployments (cluster gone, access denied, credentials expired):
                    // they end now with the cause, and the rest of the fleet goes on.
                    foreach (var w in group)
                    {
                        await FinishAsync(w, new Verdict(DeploymentStatus.Failed,
                            $"Could not observe the deployment any more: {(ex as AwsServiceException)?.ErrorCode ?? "configuration"}: {ex.Message} The deployment itself may go on; check it with Get-EcsDeployment."),
                            null, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            var serviceDeployments = await DescribeServiceDeploymentsAsync(pending, cancellationToken).ConfigureAwait(false);

            foreach (var w in pending.Where(p => !p.Deployment.IsTerminal))
            {
                if (!services.TryGetValue(w, out var service))
                {
                    continue;
                }

                serviceDeployments.TryGetValue(w, out var sd);
                Observe(w, service);
                var verdict = DeploymentJudge.Judge(w.Deployment, service, sd);
                if (!verdict.IsTerminal && options.FailFast && service != null)
                {
                    verdict = await CheckFailFastAsync(w, service, cancellationToken).ConfigureAwait(false);
                    if (verdict.IsTerminal && service.DeploymentConfiguration.CircuitBreakerRollback)
                    {
                        verdict = new Verdict(verdict.Status, verdict.Reason + " ECS has not given up yet: its circuit breaker will roll back when it trips (-RollbackOnFailure rolls back now).");
                    }
                }
                else if (verdict.Status == DeploymentStatus.RolledBack && service != null)
                {
                    verdict = new Verdict(verdict.Status, verdict.Reason + RollbackProgress(service, sd, verdict.RolledBackTo), verdict.RolledBackTo);
                }

                if (verdict.IsTerminal)
                {
                    await FinishAsync(w, verdict, sd, cancellationToken).ConfigureAwait(false);
                }
            }

            return throttled;
        }

        private async Task<Dictionary<WatchedDeployment, ServiceDeployment?>> DescribeServiceDeploymentsAsync(List<WatchedDeployment> pending, CancellationToken cancellationToken)
        {
            var found = new Dictionary<WatchedDeployment, ServiceDeployment?>();
            foreach (var group in pending.Where(w => w.Deployment.ServiceDeploymentArn != null).GroupBy(w => w.Ecs))
            {
                if (_serviceDeploymentsUnavailable.Contains(group.Key))
                {
                    continue;
                }

                try
                {
                    var arns = group.Select(w => w.Deployment.ServiceDeploymentArn!).Distinct(StringComparer.Ordinal).ToList();
                    var described = await group.Key.DescribeServiceDeploymentsAsync(arns, cancellationToken).ConfigureAwait(false);
                    foreach (var w in group)
                    {
                        found[w] = described.FirstOrDefault(d => d.ServiceDeploymentArn == w.Deployment.ServiceDeploymentArn);
                    }
                }
                catch (AwsServiceException ex) when (ServiceDeploymentLookup.IsUnavailable(ex))
                {
                    _serviceDeploymentsUnavailable.Add(group.Key);
                    _reporter.Verbose($"The service-deployments API is not available ({ex.ErrorCode}); following Service.deployments[] only.");
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
                {
                    // deployments[] alone still gives a verdict; the API is only the better witness.
                    _reporter.Verbose($"DescribeServiceDeployments failed ({ex.Message}); using Service.deployments[] for this poll.");
                }
            }

            return found;
        }

        private void Observe(WatchedDeployment w, EcsService? service)
        {
            if (service == null)
            {
                return;
            }

            var d = w.Deployment;
            // A rollback ECS runs for us (StopServiceDeployment) shows as the PRIMARY deployment.
            var ours = d.DeploymentId == null && d.Kind == DeploymentKind.Rollback
                ? service.Deployments.FirstOrDefault(e => e.Status == "PRIMARY")
                : service.Deployments.FirstOrDefault(e => e.Id == d.DeploymentId);
            if (ours != null)
            {
                d.RunningCount = ours.RunningCount;
                d.DesiredCount = ours.DesiredCount;
                d.PendingCount = ours.PendingCount;
                d.CircuitBreaker.FailureCount = ours.FailedTasks;
                d.StartedAt ??= ours.CreatedAt;
            }

            d.CircuitBreaker.Enabled = service.DeploymentConfiguration.CircuitBreakerEnabled;
            d.CircuitBreaker.Rollback = service.DeploymentConfiguration.CircuitBreakerRollback;
            d.CircuitBreaker.Threshold = CircuitBreakerState.DefaultThreshold(service.DesiredCount);

            var since = (d.StartedAt ?? DateTimeOffset.MinValue).AddSeconds(-1);
            // ECS lists newest first; reversing before a stable sort keeps same-second events in their order.
            foreach (var e in service.Events.Reverse().Where(e => e.CreatedAt >= since).OrderBy(e => e.CreatedAt))
            {
                if (w.SeenEvents.Add(WatchedDeployment.Key(e.CreatedAt, e.Message)))
                {
                    var record = new ServiceEventRecord { CreatedAt = e.CreatedAt, Message = e.Message };
                    w.Events.Add(record);
                    _reporter.Information(new InformationMessage(InformationKind.ServiceEvent, w.Subject, e.Message, e.CreatedAt));
                }
            }

            d.Events = w.Events.ToList();
            var old = service.Deployments.Where(e => e.Id != d.DeploymentId).Sum(e => e.RunningCount + e.PendingCount);
            var percent = d.DesiredCount == 0 ? 0 : Math.Min(100, d.RunningCount * 100 / d.DesiredCount);
            _reporter.Progress(new ProgressReport(w.ProgressId, $"Deployment of {w.Subject}",
                $"{d.DeploymentId}: {d.RunningCount}/{d.DesiredCount} new tasks running, {old} old tasks still up", percent));
        }

        // Reads the stopped tasks when the failure count moves, and every few polls while the new
        // tasks fall short (the count resets on a healthy task, and may lag ListTasks).
        private async Task<Verdict> CheckFailFastAsync(WatchedDeployment w, EcsService service, CancellationToken cancellationToken)
        {
            var ours = service.Deployments.FirstOrDefault(e => e.Id == w.Deployment.DeploymentId);
            if (ours == null)
            {
                return Verdict.InProgress;
            }

            w.PollsSinceFailureCheck++;
            var countMoved = ours.FailedTasks > 0 && ours.FailedTasks != w.FailedTasksChecked;
            var shortfall = ours.RunningCount < ours.DesiredCount && w.PollsSinceFailureCheck >= 3;
            if (!countMoved && !shortfall)
            {
                return Verdict.InProgress;
            }

            w.FailedTasksChecked = ours.FailedTasks;
            w.PollsSinceFailureCheck = 0;
            try
            {
                var stopped = await EvidenceCollector.StoppedTasksAsync(w.Ecs, w.Deployment.Cluster, w.Deployment.DeploymentId!, cancellationToken).ConfigureAwait(false);
                return FailFastRules.Check(stopped, w.Deployment.CircuitBreaker.Threshold);
            }
            catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
            {
                _reporter.Verbose($"Could not list the stopped tasks of {w.Deployment.DeploymentId} ({ex.Message}); trying again later.");
                return Verdict.InProgress;
            }
        }

        private async Task FinishAsync(WatchedDeployment w, Verdict verdict, ServiceDeployment? sd, CancellationToken cancellationToken)
        {
            var d = w.Deployment;
            d.Status = verdict.Status;
            d.RolledBackTo = verdict.RolledBackTo ?? d.RolledBackTo;
            d.CompletedAt = verdict.Status == DeploymentStatus.TimedOut
                ? null
                : sd?.FinishedAt ?? w.Events.LastOrDefault()?.CreatedAt ?? _clock.GetUtcNow();
            if (sd != null)
            {
                d.CircuitBreaker.Status = sd.CircuitBreakerStatus;
                d.CircuitBreaker.FailureCount = sd.CircuitBreakerFailureCount ?? d.CircuitBreaker.FailureCount;
                d.CircuitBreaker.Threshold = sd.CircuitBreakerThreshold ?? d.CircuitBreaker.Threshold;
            }

            var reason = verdict.Reason ?? verdict.Status.ToString();
            if (verdict.Status != DeploymentStatus.Succeeded && d.DeploymentId != null)
            {
                try
                {
                    d.StoppedTasks = await EvidenceCollector.StoppedTasksAsync(w.Ecs, d.Cluster, d.DeploymentId, cancellationToken).ConfigureAwait(false);
                    d.FailedTasks = d.StoppedTasks.Where(t => t.IsFailure).ToList();
                    if (d.CircuitBreaker.FailureCount == 0)
                    {
                        d.CircuitBreaker.FailureCount = d.FailedTasks.Count;
                    }
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
                {
                    _reporter.Verbose($"Could not list the stopped tasks of {d.DeploymentId}: {ex.Message}");
                }

                reason += EvidenceSummary(d);
            }

            d.StatusReason = reason;
            _reporter.Information(new InformationMessage(InformationKind.Verdict, w.Subject, $"{d.Status}: {reason}",
                d.CompletedAt, isFailure: d.Status != DeploymentStatus.Succeeded));
        }

        // The verdict comes when ECS decides to roll back; say whether that rollback has finished.
        private static string RollbackProgress(EcsService service, ServiceDeployment? sd, string? target)
        {
            if (sd?.Status == "ROLLBACK_SUCCESSFUL")
            {
                return " The rollback has completed.";
            }

            if (sd?.Status == "ROLLBACK_FAILED")
            {
                return " The rollback itself FAILED: check the service now.";
            }

            var primary = service.Deployments.FirstOrDefault(e => e.Status == "PRIMARY");
            var done = primary != null && DeploymentJudge.IsSteady(service, primary);
            return done
                ? " The rollback has completed."
                : $" The rollback{(target == null ? "" : $" to {target}")} is in progress; Wait-EcsSteadyState -Cluster <cluster> -Service <service> waits for it.";
        }

        private static string EvidenceSummary(EcsDeployment d)
        {
            if (d.FailedTasks.Count == 0)
            {
                return "";
            }

            var first = d.FailedTasks.First();
            var distinct = d.FailedTasks.Select(t => t.StoppedReason).Distinct().Count();
            return $" {d.FailedTasks.Count} failed task(s); e.g. {first}{(distinct > 1 ? $" (and {distinct - 1} other reason(s))" : "")}. Circuit breaker {d.CircuitBreaker}.";
        }
    }
}
