using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments.Costs;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Elb;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments.Drain
{
    /// <summary>
    /// One deployment's drain, poll by poll: once ECS says it deregistered old targets, reads the
    /// target groups' delay (once) and their draining targets (each poll until none drains), shows a
    /// countdown, and calls out a drain that runs past delay + stopTimeout + margin. At the verdict it
    /// samples the deployment's tasks (startedBy) to close the cost window and name killed tasks.
    /// Reads only: nothing here ever changes a target group or a task.
    /// </summary>
    internal sealed class DrainObserver
    {
        private const int ProgressOffset = 500000;
        private static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(30);

        private readonly EcsDeployment _deployment;
        private readonly IEcsApi _ecs;
        private readonly IElbApi _elb;
        private readonly PriceTable _pricing;
        private readonly IReporter _reporter;
        private readonly TimeProvider _clock;
        private readonly int _progressId;
        private readonly TimeSpan _pollInterval;
        private readonly TimeSpan _closeTimeout;
        private readonly Dictionary<string, TimeSpan?> _delays = new Dictionary<string, TimeSpan?>(StringComparer.Ordinal);
        private readonly Dictionary<string, SortedSet<string>> _seenDraining = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        private readonly HashSet<string> _oldDeploymentIds = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<ServiceEventRecord> _events = new List<ServiceEventRecord>();
        private DrainingTarget? _lastToLeave;
        private DateTimeOffset? _start;
        private DateTimeOffset? _startedAt;
        private bool _announced;
        private bool _targetsGone;
        private bool _overdueReported;
        private DrainHoldup? _holdup;

        public DrainObserver(EcsDeployment deployment, IEcsApi ecs, IElbApi elb, PriceTable pricing, IReporter reporter, TimeProvider clock,
            int progressId, TimeSpan pollInterval, TimeSpan closeTimeout)
        {
            _deployment = deployment;
            _ecs = ecs;
            _elb = elb;
            _pricing = pricing;
            _reporter = reporter;
            _clock = clock;
            _progressId = progressId;
            _pollInterval = pollInterval;
            _closeTimeout = closeTimeout;
        }

        private string Subject => $"{_deployment.Cluster}/{_deployment.Service}";

        public async Task ObserveAsync(EcsService service, DeploymentEntry? ours, DateTimeOffset? startedAt, IReadOnlyList<ServiceEventRecord> events, CancellationToken cancellationToken)
        {
            _startedAt = startedAt;
            _events.Clear();
            _events.AddRange(events);
            foreach (var entry in service.Deployments.Where(e => e != ours && e.Id.Length > 0))
            {
                _oldDeploymentIds.Add(entry.Id);
            }

            var groups = service.LoadBalancers.Select(l => l.TargetGroupArn).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).Distinct(StringComparer.Ordinal).ToList();
            var deregistered = DrainEvents.DeregistrationsByGroup(events, startedAt);
            if (groups.Count == 0 || deregistered.Count == 0)
            {
                return;
            }

            _start ??= deregistered.Values.Min();
            try
            {
                var draining = new List<DrainingTarget>();
                if (!_targetsGone)
                {
                    foreach (var group in groups)
                    {
                        await DelayOfAsync(group, cancellationToken).ConfigureAwait(false);
                        var health = await _elb.DescribeTargetHealthAsync(group, null, cancellationToken).ConfigureAwait(false);
                        foreach (var t in health.Where(h => h.State == "draining" || h.State == "unhealthy.draining"))
                        {
                            draining.Add(new DrainingTarget { TargetGroupArn = group, Id = t.TargetId, Port = t.Port });
                            Seen(group).Add(new DrainingTarget { Id = t.TargetId, Port = t.Port }.ToString());
                        }
                    }

                    Report(groups, draining);
                    if (draining.Count == 0)
                    {
                        _targetsGone = true;
                        _reporter.Progress(new ProgressReport(_progressId + ProgressOffset, $"Drain of {Subject}", "no target draining", 100, completed: true, parentActivityId: _progressId));
                        _reporter.Information(new InformationMessage(InformationKind.Step, Subject, $"Drain over: no target of {Subject} drains any more."));
                    }
                    else
                    {
                        _lastToLeave = draining.OrderBy(t => t.ToString(), StringComparer.Ordinal).First();
                    }
                }

                // Still observed, so the deployment is not over. Once every new task runs, what is left is
                // the drain; with no target left draining, old tasks that ECS does not stop (protected,
                // stuck) hold it, and are called out alike. Before that, old tasks are meant to run (a
                // release whose tasks keep failing deregisters its own targets while the old ones serve).
                if (ours != null && ours.DesiredCount > 0 && ours.RunningCount >= ours.DesiredCount)
                {
                    await CheckOverdueAsync(draining, DrainEvents.LatestDeregistration(events, startedAt) ?? _start.Value, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
            {
                // The drain is evidence, not the verdict: an ELB that cannot be read leaves it partial.
                _reporter.Verbose($"Could not read the target groups or tasks of {Subject} ({ex.Message}); the drain phase is not shown this poll.");
            }
        }

        /// <summary>
        /// Now on AWS's clock, the one ECS stamped the deregistration event with: the Date of ECS's last
        /// answer plus the local time since (see AwsServerClock). The local clock alone may be minutes
        /// off AWS's (a laptop, a CI runner without NTP) and would call a healthy drain overdue or never
        /// call out a held one; a simulator whose clock runs faster than the wall is followed alike.
        /// A client that cannot tell AWS's time (a test fake) leaves the wait's clock.
        /// </summary>
        private DateTimeOffset AwsNow => (_ecs as IAwsServerTime)?.AwsNow ?? _clock.GetUtcNow();

        private SortedSet<string> Seen(string group)
        {
            if (!_seenDraining.TryGetValue(group, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                _seenDraining[group] = set;
            }

            return set;
        }

        private async Task<TimeSpan?> DelayOfAsync(string group, CancellationToken cancellationToken)
        {
            if (_delays.TryGetValue(group, out var known))
            {
                return known;
            }

            var attributes = await _elb.DescribeTargetGroupAttributesAsync(group, cancellationToken).ConfigureAwait(false);
            TimeSpan? delay = attributes.TryGetValue(ElbAttributeNames.DeregistrationDelaySeconds, out var text) &&
                              int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : (TimeSpan?)null;
            _delays[group] = delay;
            return delay;
        }

        private TimeSpan? LongestDelay => _delays.Values.Where(d => d.HasValue).Select(d => d!.Value).DefaultIfEmpty().Max() is var max && _delays.Values.Any(d => d.HasValue) ? max : (TimeSpan?)null;

        private void Report(IReadOnlyList<string> groups, IReadOnlyList<DrainingTarget> draining)
        {
            var delay = LongestDelay;
            if (!_announced && draining.Count > 0)
            {
                _announced = true;
                foreach (var group in groups.Where(g => draining.Any(t => t.TargetGroupArn == g)))
                {
                    var count = draining.Count(t => t.TargetGroupArn == group);
                    var groupDelay = _delays[group];
                    var ends = groupDelay.HasValue ? string.Format(CultureInfo.InvariantCulture, "; deregistration delay {0:0} s, ends about {1:HH:mm:ss}Z", groupDelay.Value.TotalSeconds, (_start!.Value + groupDelay.Value).UtcDateTime) : "";
                    _reporter.Information(new InformationMessage(InformationKind.Step, Subject,
                        $"Draining {count} target{(count == 1 ? "" : "s")} in (target-group {group}){ends}.", _start));
                }
            }

            if (draining.Count == 0 || delay == null)
            {
                return;
            }

            // The countdown runs on AWS's clock from the AWS event time (AwsNow).
            var elapsed = AwsNow - _start!.Value;
            var left = delay.Value - elapsed;
            if (left < TimeSpan.Zero) left = TimeSpan.Zero;
            if (left > delay.Value) left = delay.Value;
            var percent = delay.Value <= TimeSpan.Zero ? 100 : (int)Math.Round(100 * (1 - left.TotalSeconds / delay.Value.TotalSeconds));
            _reporter.Progress(new ProgressReport(_progressId + ProgressOffset, $"Drain of {Subject}",
                string.Format(CultureInfo.InvariantCulture, "{0} target{1} draining (deregistration delay {2:0} s): about {3:0} s left", draining.Count, draining.Count == 1 ? "" : "s", delay.Value.TotalSeconds, left.TotalSeconds),
                percent, parentActivityId: _progressId));
        }

        /// <param name="since">The latest deregistration: a rolling update in batches deregisters again for each batch,
        /// and only the last batch's drain can be overdue.</param>
        private async Task CheckOverdueAsync(IReadOnlyList<DrainingTarget> draining, DateTimeOffset since, CancellationToken cancellationToken)
        {
            var delay = LongestDelay;
            if (_overdueReported || delay == null || !DrainHoldupRules.IsOverdue(since, AwsNow, delay.Value, DefaultStopTimeout))
            {
                return;
            }

            var tasks = await OldTasksAsync(cancellationToken).ConfigureAwait(false);
            _holdup = await ExplainAsync(tasks, draining.Select(t => t.ToString()).ToList(), cancellationToken).ConfigureAwait(false);
            // Only once the reads went through: a throttled one leaves the call-out to the next poll.
            _overdueReported = true;
            if (_holdup != null)
            {
                _reporter.Warning($"{Subject}: the drain runs past deregistration delay + stopTimeout + {DrainHoldupRules.Margin.TotalSeconds:0} s. {_holdup.Message}");
            }
        }

        private async Task<DrainHoldup?> ExplainAsync(IReadOnlyList<EcsTask> oldTasks, IReadOnlyList<string> drainingTargets, CancellationToken cancellationToken)
        {
            var running = oldTasks.Where(t => t.LastStatus == EcsTaskStatus.Running && t.DesiredStatus == EcsTaskStatus.Running).ToList();
            var protectedIds = new List<string>();
            if (running.Count > 0 && _ecs is ITaskProtectionApi protection)
            {
                try
                {
                    var states = await protection.GetTaskProtectionAsync(_deployment.Cluster, running.Select(t => t.TaskArn).ToList(), cancellationToken).ConfigureAwait(false);
                    protectedIds.AddRange(states.Where(s => s.ProtectionEnabled).Select(s => IdOf(s.TaskArn)).OrderBy(i => i, StringComparer.Ordinal));
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
                {
                    _reporter.Verbose($"GetTaskProtection for {Subject} failed ({ex.Message}); protection is not checked.");
                }
            }

            var stuck = oldTasks.Where(t => t.LastStatus == "DEACTIVATING" || t.LastStatus == "STOPPING")
                .Select(t => (IdOf(t.TaskArn), t.LastStatus)).OrderBy(t => t.Item1, StringComparer.Ordinal).ToList();
            return DrainHoldupRules.Explain(protectedIds, stuck, drainingTargets, running.Select(t => IdOf(t.TaskArn)).OrderBy(i => i, StringComparer.Ordinal).ToList(), LongestDelay);
        }

        /// <summary>Writes Drain, Window and TimeToHealthy on the output object (the one the watcher made, never the input).</summary>
        public async Task FinishAsync(EcsDeployment output, Verdict verdict, CancellationToken cancellationToken)
        {
            if (output.DeploymentId == null)
            {
                return;
            }

            try
            {
                var (fresh, old) = await TasksAsync(output.DeploymentId, cancellationToken).ConfigureAwait(false);
                if (verdict.Status == DeploymentStatus.Succeeded)
                {
                    var until = _clock.GetUtcNow() + _closeTimeout;
                    while (old.Any(t => t.StoppedAt == null) && _clock.GetUtcNow() < until)
                    {
                        await _clock.Delay(_pollInterval, cancellationToken).ConfigureAwait(false);
                        (fresh, old) = await TasksAsync(output.DeploymentId, cancellationToken).ConfigureAwait(false);
                    }
                }

                var drain = await DrainPhaseAsync(old, verdict, cancellationToken).ConfigureAwait(false);
                output.Drain = drain;
                foreach (var killed in drain?.KilledAfterStopTimeout ?? Array.Empty<KilledTask>())
                {
                    _reporter.Warning($"{Subject}: old {killed}.");
                }

                var healthyFrom = fresh.Where(t => t.StartedAt.HasValue).Select(t => t.StartedAt!.Value).DefaultIfEmpty().Min();
                var firstOldStop = DrainEvents.FirstStopOfRunningTasks(_events, _startedAt);
                if (fresh.Any(t => t.StartedAt.HasValue) && firstOldStop.HasValue && firstOldStop.Value >= healthyFrom)
                {
                    output.TimeToHealthy = firstOldStop.Value - healthyFrom;
                }

                output.Window = Window(fresh, old, output, firstOldStop, drain?.Start);
            }
            catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
            {
                _reporter.Verbose($"Could not sample the tasks of {output.DeploymentId} ({ex.Message}); no drain or cost window.");
            }
        }

        private DeploymentWindow? Window(IReadOnlyList<EcsTask> fresh, IReadOnlyList<EcsTask> old, EcsDeployment output, DateTimeOffset? oldStopsBegan, DateTimeOffset? drainStart)
        {
            var spans = fresh.Select(t => Span(t, true)).Concat(old.Select(t => Span(t, false))).Where(s => s != null).Select(s => s!).ToList();
            var desired = output.DesiredCount;
            var window = WindowCalculator.Compute(spans, desired, oldStopsBegan, drainStart);
            var sample = fresh.FirstOrDefault(t => t.Cpu != null && t.Memory != null);
            if (window != null && sample != null)
            {
                window.EstimatedCost = WindowPricing.Price(window.ExtraTaskSeconds, sample, output.Region, _pricing);
            }

            return window;
        }

        private static TaskSpan? Span(EcsTask t, bool isNew)
        {
            var start = t.PullStartedAt ?? t.StartedAt ?? t.CreatedAt;
            return start == null ? null : new TaskSpan(IdOf(t.TaskArn), isNew, start.Value, t.StoppedAt);
        }

        private async Task<DrainPhase?> DrainPhaseAsync(IReadOnlyList<EcsTask> old, Verdict verdict, CancellationToken cancellationToken)
        {
            var stopTimeout = await StopTimeoutAsync(old, cancellationToken).ConfigureAwait(false);
            var killed = old.Where(t => t.StopCode == "ServiceSchedulerInitiated" || t.StopCode == "UserInitiated")
                .SelectMany(t => t.Containers.Where(c => c.ExitCode == 137).Select(c => new KilledTask { TaskId = IdOf(t.TaskArn), Container = c.Name, ExitCode = 137, StopTimeout = stopTimeout }))
                .OrderBy(k => k.TaskId, StringComparer.Ordinal).ToList();

            // Only a deployment that ran out of time was held up: after a rollback or a fail-fast verdict the
            // old tasks are meant to stay.
            if (verdict.Status == DeploymentStatus.TimedOut && _holdup == null)
            {
                var draining = _targetsGone ? new List<string>() : _seenDraining.Values.SelectMany(s => s).ToList();
                _holdup = await ExplainAsync(old.Where(t => t.StoppedAt == null).ToList(), draining, cancellationToken).ConfigureAwait(false);
                if (_holdup != null)
                {
                    _reporter.Warning($"{Subject}: {verdict.Status} with old tasks left. {_holdup.Message}");
                }
            }

            if (_start == null && _holdup == null && killed.Count == 0)
            {
                return null;
            }

            var delay = LongestDelay;
            DateTimeOffset? end = null;
            if (_start.HasValue)
            {
                end = DrainEvents.Completion(_events, _start.Value) ?? (_targetsGone && delay.HasValue ? _start + delay : null);
            }

            return new DrainPhase
            {
                DeregistrationDelay = delay,
                Start = _start,
                End = end,
                TargetGroups = _delays.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(g => new DrainingTargetGroup
                {
                    TargetGroupArn = g,
                    DeregistrationDelay = _delays[g],
                    DrainingTargets = _seenDraining.TryGetValue(g, out var seen) ? seen.ToList() : new List<string>(),
                }).ToList(),
                LongestDrainingTarget = _lastToLeave,
                StopTimeout = stopTimeout,
                Holdup = _holdup,
                KilledAfterStopTimeout = killed,
            };
        }

        private async Task<TimeSpan> StopTimeoutAsync(IReadOnlyList<EcsTask> old, CancellationToken cancellationToken)
        {
            var definition = old.Select(t => t.TaskDefinitionArn).FirstOrDefault(a => !string.IsNullOrEmpty(a));
            if (definition == null)
            {
                return DefaultStopTimeout;
            }

            var described = await _ecs.DescribeTaskDefinitionAsync(definition, cancellationToken).ConfigureAwait(false);
            var essential = described.ContainerDefinitions.FirstOrDefault(c => (bool?)c["essential"] != false);
            var seconds = (int?)essential?["stopTimeout"];
            return seconds.HasValue ? TimeSpan.FromSeconds(seconds.Value) : DefaultStopTimeout;
        }

        private async Task<IReadOnlyList<EcsTask>> OldTasksAsync(CancellationToken cancellationToken)
        {
            var result = new List<EcsTask>();
            foreach (var id in _oldDeploymentIds.OrderBy(i => i, StringComparer.Ordinal))
            {
                result.AddRange(await StartedByAsync(id, cancellationToken).ConfigureAwait(false));
            }

            return result;
        }

        private async Task<(IReadOnlyList<EcsTask> Fresh, IReadOnlyList<EcsTask> Old)> TasksAsync(string deploymentId, CancellationToken cancellationToken)
        {
            var fresh = await StartedByAsync(deploymentId, cancellationToken).ConfigureAwait(false);
            var old = await OldTasksAsync(cancellationToken).ConfigureAwait(false);
            return (fresh, old);
        }

        /// <summary>Running and stopped tasks of one deployment.</summary>
        private async Task<IReadOnlyList<EcsTask>> StartedByAsync(string deploymentId, CancellationToken cancellationToken)
        {
            var tasks = await EvidenceCollector.TasksOfAsync(_ecs, _deployment.Cluster, deploymentId, new[] { EcsTaskStatus.Running, EcsTaskStatus.Stopped }, cancellationToken).ConfigureAwait(false);
            return tasks.Where(t => t.StartedBy == deploymentId).ToList();
        }

        private static string IdOf(string taskArn) => EvidenceCollector.TaskIdOf(taskArn);
    }
}
