using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Deployments.Drain;
using EcsBlueGreen.Deployments.Hooks;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Reporting;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Waits for any number of deployments at once and hands over each verdict as soon as ECS reaches
    /// it, as a new object (the ones it was given are never changed). Each poll makes one
    /// DescribeServices per 10 services of a cluster; DescribeServiceDeployments (20 ARNs a call) only
    /// when it can change a verdict: deployments[] changed shape, or a verdict must be confirmed and
    /// its cause named. Deployments can join a running wait (a rollback started for a failed one).
    /// </summary>
    public sealed class DeploymentWatcher
    {
        /// <summary>How long a TimedOut verdict may still read its drain evidence (see ReportFor).</summary>
        internal static readonly TimeSpan TimedOutEvidenceGrace = TimeSpan.FromSeconds(5);

        private const int ServicesPerCall = 10;
        private const int ServiceDeploymentsPerCall = 20;

        private readonly Func<EcsDeployment, IEcsApi> _clientFor;
        private readonly IReporter _reporter;
        private readonly TimeProvider _clock;
        private readonly ServiceDeploymentsFallback _fallback;
        private readonly HashSet<IEcsApi> _serviceDeploymentsUnavailable = new HashSet<IEcsApi>();
        private readonly ConcurrentQueue<EcsDeployment> _joining = new ConcurrentQueue<EcsDeployment>();
        private readonly Dictionary<IEcsApi, EndpointReachability> _reachability = new Dictionary<IEcsApi, EndpointReachability>();
        private int _nextProgressId = 1000;
        private DrainObservation? _drain;
        private PauseHookDispatcher? _hooks;
        private IReadOnlyList<string> _checkedStages = Array.Empty<string>();

        // The token of the whole wait (Ctrl+C), as opposed to the token of one poll's calls, which the
        // wait's timeout cancels too.
        private CancellationToken _invocation;

        /// <summary>On the system clock (the cmdlet layer never names TimeProvider: it is a dependency).</summary>
        public DeploymentWatcher(Func<EcsDeployment, IEcsApi> clientFor, IReporter reporter)
            : this(clientFor, reporter, TimeProvider.System)
        {
        }

        public DeploymentWatcher(Func<EcsDeployment, IEcsApi> clientFor, IReporter reporter, ServiceDeploymentsFallback fallback)
            : this(clientFor, reporter, TimeProvider.System, fallback)
        {
        }

        /// <summary>On the session's clock: the one its clients' retries and attempt timeouts run on,
        /// so the wait's deadline and theirs are measured alike. (Takes the session, not its TimeProvider:
        /// the cmdlet assembly loads outside the module's load context and must not name that type.)</summary>
        public DeploymentWatcher(Func<EcsDeployment, IEcsApi> clientFor, IReporter reporter, AwsSession clockOf, ServiceDeploymentsFallback fallback)
            : this(clientFor, reporter, (clockOf ?? throw new ArgumentNullException(nameof(clockOf))).Time, fallback)
        {
        }

        public DeploymentWatcher(Func<EcsDeployment, IEcsApi> clientFor, IReporter reporter, TimeProvider clock)
            : this(clientFor, reporter, clock, new ServiceDeploymentsFallback())
        {
        }

        /// <param name="fallback">The invocation's: it warns once however many of its calls fall back.</param>
        public DeploymentWatcher(Func<EcsDeployment, IEcsApi> clientFor, IReporter reporter, TimeProvider clock, ServiceDeploymentsFallback fallback)
        {
            _clientFor = clientFor;
            _reporter = reporter;
            _clock = clock;
            _fallback = fallback;
        }

        /// <summary>Also follows each deployment's drain and closes its cost window (DrainObserver).</summary>
        public DeploymentWatcher WithDrainObservation(DrainObservation drain)
        {
            _drain = drain;
            return this;
        }

        /// <summary>
        /// Answers PAUSE hooks at the stages the runner has checks for (CONTINUE or ROLLBACK, as the check
        /// decides), instead of returning those deployments AwaitingApproval.
        /// </summary>
        /// <param name="checkedStages">The stages (ECS spelling) the runner has checks for, to warn about those no PAUSE hook reaches.</param>
        public DeploymentWatcher WithPauseHooks(IPauseHookRunner runner, IReadOnlyList<string> checkedStages, Func<EcsDeployment, Elb.IElbApi> elbFor)
        {
            _hooks = new PauseHookDispatcher(runner, elbFor, _reporter);
            _checkedStages = checkedStages;
            return this;
        }

        /// <summary>Adds a deployment to the running wait (from any thread); it is observed from the next poll.</summary>
        public void Join(EcsDeployment deployment) => _joining.Enqueue(deployment);

        /// <summary>Waits without streaming: every verdict, in the order they came.</summary>
        public async Task<IReadOnlyList<EcsDeployment>> WaitAsync(IReadOnlyList<EcsDeployment> deployments, WaitOptions options, CancellationToken cancellationToken)
        {
            var results = new List<EcsDeployment>();
            await WaitAsync(deployments, options, d =>
            {
                results.Add(d);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return results;
        }

        /// <summary>
        /// Waits until every deployment (and every one that joins) has a verdict; onVerdict gets each
        /// as soon as it is known, and the wait goes on only once it has been handled. Each deployment's
        /// wait ends by its timeout: the calls of a poll get the time left before the earliest pending
        /// timeout and are cancelled when it passes. Deployments whose ECS endpoint refused connections
        /// for longer than the unreachable window (or when their timeout passed) get no verdict: once
        /// the rest is done, an <see cref="EcsUnreachableException"/> names them.
        /// </summary>
        public async Task WaitAsync(IReadOnlyList<EcsDeployment> deployments, WaitOptions options, Func<EcsDeployment, Task> onVerdict, CancellationToken cancellationToken)
        {
            _invocation = cancellationToken;
            var watched = new List<WatchedDeployment>();
            foreach (var d in deployments)
            {
                _joining.Enqueue(d);
            }

            var interval = options.PollInterval;
            var first = true;
            while (true)
            {
                AddJoining(watched, options, first ? options.TimeoutStartedAt : null);
                first = false;
                var pending = watched.Where(w => !w.IsSettled).ToList();
                if (pending.Count == 0)
                {
                    break;
                }

                var pollDeadline = pending.Min(w => w.Deadline);
                var throttled = pollDeadline > _clock.GetUtcNow() &&
                                await PollWithinAsync(pending, options, onVerdict, pollDeadline, cancellationToken).ConfigureAwait(false);

                var now = _clock.GetUtcNow();
                foreach (var w in pending.Where(p => !p.IsSettled))
                {
                    var reachability = ReachabilityOf(w.Ecs);
                    var givesUpAt = reachability.GivesUpAt(options.UnreachableWindow);
                    if (givesUpAt != null && (now >= givesUpAt || now >= w.Deadline))
                    {
                        w.Lost = LostTo(w, reachability);
                        _reporter.Progress(new ProgressReport(w.ProgressId, $"Deployment of {w.Subject}", "ECS unreachable", 100, completed: true));
                    }
                }

                foreach (var w in pending.Where(p => !p.IsSettled && now >= p.Deadline))
                {
                    await FinishAsync(w, new Verdict(DeploymentStatus.TimedOut, VerdictCause.Timeout) { WaitedFor = options.Timeout }, onVerdict, cancellationToken).ConfigureAwait(false);
                }

                AddJoining(watched, options);
                pending = watched.Where(w => !w.IsSettled).ToList();
                if (pending.Count == 0)
                {
                    break;
                }

                interval = throttled
                    ? TimeSpan.FromTicks(Math.Min(options.MaxPollInterval.Ticks, interval.Ticks * 2))
                    : options.PollInterval;
                now = _clock.GetUtcNow();
                var delay = interval;
                foreach (var w in pending)
                {
                    // The next poll comes no later than a timeout or the end of an unreachable window.
                    var due = ReachabilityOf(w.Ecs).GivesUpAt(options.UnreachableWindow) is DateTimeOffset givesUp && givesUp < w.Deadline ? givesUp : w.Deadline;
                    if (due - now < delay)
                    {
                        delay = due - now;
                    }
                }

                if (delay > TimeSpan.Zero)
                {
                    await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }

            var lost = watched.Where(w => w.Lost != null).Select(w => w.Lost!).ToList();
            if (lost.Count > 0)
            {
                throw new EcsUnreachableException(lost);
            }
        }

        /// <summary>One poll whose calls end by the deadline: in flight, they are cancelled then; the
        /// retry policy starts no attempt or back-off past it, and stops retrying a connection that
        /// keeps being refused after the unreachable window.</summary>
        private async Task<bool> PollWithinAsync(List<WatchedDeployment> pending, WaitOptions options, Func<EcsDeployment, Task> onVerdict,
            DateTimeOffset deadline, CancellationToken cancellationToken)
        {
            using (var timeout = _clock.CreateCancellationTokenSource(deadline - _clock.GetUtcNow()))
            using (var calls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            using (CallLimits.Apply(new CallLimits(deadline, options.UnreachableWindow)))
            {
                try
                {
                    return await PollAsync(pending, options, onVerdict, calls.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    _reporter.Verbose($"The wait's time was up at {deadline.UtcDateTime:HH:mm:ss}Z with a call to ECS still unanswered; it was cancelled.");
                    return false;
                }
            }
        }

        private EndpointReachability ReachabilityOf(IEcsApi ecs)
        {
            if (!_reachability.TryGetValue(ecs, out var reachability))
            {
                reachability = new EndpointReachability();
                _reachability[ecs] = reachability;
            }

            return reachability;
        }

        private static UnreachableDeployment LostTo(WatchedDeployment w, EndpointReachability reachability)
        {
            var d = w.ObservedCopy();
            var failure = reachability.LastFailure!;
            return new UnreachableDeployment(d, failure.Endpoint, reachability.UnreachableSince!.Value, w.LastSeenAt,
                w.LastSeenAt == null ? null : w.Entry?.RolloutState ?? w.Entry?.Status, failure.Message);
        }

        private void AddJoining(List<WatchedDeployment> watched, WaitOptions options, DateTimeOffset? timeoutStartedAt = null)
        {
            while (_joining.TryDequeue(out var d))
            {
                var w = new WatchedDeployment(d, _clientFor(d), _nextProgressId++, (timeoutStartedAt ?? _clock.GetUtcNow()) + options.Timeout);
                w.Drain = _drain?.Create(d, w.Ecs, _reporter, _clock, w.ProgressId, options.PollInterval);
                watched.Add(w);
            }
        }

        /// <summary>One observation of every pending deployment. Returns true when AWS throttled us.</summary>
        private async Task<bool> PollAsync(List<WatchedDeployment> pending, WaitOptions options, Func<EcsDeployment, Task> onVerdict, CancellationToken cancellationToken)
        {
            var throttled = false;
            var observed = new List<WatchedDeployment>();
            foreach (var group in pending.GroupBy(w => (w.Ecs, w.Source.Cluster)))
            {
                var names = group.Select(w => w.Source.Service).Distinct(StringComparer.Ordinal).ToList();
                var services = new List<EcsService>();
                var callStarted = _clock.GetUtcNow();
                var reachability = ReachabilityOf(group.Key.Ecs);
                if (reachability.GivesUpAt(options.UnreachableWindow) <= callStarted)
                {
                    // Its unreachable window is over: these deployments leave the wait after this poll.
                    continue;
                }

                try
                {
                    services.AddRange(await DescribeServicesAsync(group.Key.Ecs, group.Key.Cluster, names, reachability.GivesUpAt(options.UnreachableWindow), cancellationToken).ConfigureAwait(false));
                }
                catch (AwsServiceException ex) when (ex.IsThrottling || ex.StatusCode >= 500)
                {
                    throttled |= ex.IsThrottling;
                    _reporter.Verbose($"DescribeServices for {group.Key.Cluster} answered {ex.ErrorCode}; trying again at the next poll.");
                    continue;
                }
                catch (AwsTransportException ex)
                {
                    // No answer after the client's retries: transient as far as the wait is concerned,
                    // unless the endpoint goes on refusing connections past the unreachable window.
                    throttled = true;
                    ReachabilityOf(group.Key.Ecs).Failed(ex, callStarted);
                    _reporter.Verbose($"DescribeServices for {group.Key.Cluster} got no answer ({ex.Message}); trying again at the next poll.");
                    continue;
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsConfigurationException)
                {
                    // Permanent for these deployments (cluster gone, access denied, credentials expired):
                    // they end now with the cause, and the rest of the fleet goes on.
                    foreach (var w in group)
                    {
                        await FinishAsync(w, new Verdict(DeploymentStatus.Failed, VerdictCause.ObservationFailed)
                        {
                            ErrorCode = (ex as AwsServiceException)?.ErrorCode ?? "configuration",
                            ErrorMessage = ex.Message,
                        }, onVerdict, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                ReachabilityOf(group.Key.Ecs).Answered();
                var seenAt = _clock.GetUtcNow();
                foreach (var w in group)
                {
                    w.Service = services.FirstOrDefault(s => s.ServiceName == w.Source.Service || s.ServiceArn == w.Source.Service);
                    w.LastSeenAt = seenAt;
                    observed.Add(w);
                }
            }

            // A first verdict from what DescribeServices showed; judged again only where the
            // service-deployments API then told something new.
            var provisional = new Dictionary<WatchedDeployment, (Verdict Verdict, ServiceDeployment? Basis)>();
            var needServiceDeployments = new List<WatchedDeployment>();
            foreach (var w in observed)
            {
                Observe(w);
                var shape = w.Service == null ? null : WatchedDeployment.ShapeOf(w.Service);
                var changed = w.Shape != null && shape != w.Shape;
                w.Shape = shape;
                var first = DeploymentJudge.Judge(w.Source, w.Service, w.ServiceDeployment, w.HookStages);
                provisional[w] = (first, w.ServiceDeployment);
                // A native deployment's stage, weights and hooks are only in the service-deployments API.
                if (changed || first.IsTerminal || w.IsNative)
                {
                    needServiceDeployments.Add(w);
                }
            }

            await DescribeServiceDeploymentsAsync(needServiceDeployments, pending, cancellationToken).ConfigureAwait(false);

            foreach (var w in observed.Where(o => o.ServiceDeployment != null && o.IsNative))
            {
                ObserveNative(w);
                _hooks?.CheckCoverage(w, _checkedStages);
            }

            foreach (var w in observed.Where(o => o.Drain != null && o.Service != null))
            {
                await w.Drain!.ObserveAsync(w.Service!, w.Entry, w.StartedAt, w.Events, cancellationToken).ConfigureAwait(false);
            }

            foreach (var w in observed)
            {
                var (first, basis) = provisional[w];
                var verdict = ReferenceEquals(basis, w.ServiceDeployment) ? first : DeploymentJudge.Judge(w.Source, w.Service, w.ServiceDeployment, w.HookStages);
                AttachAnswer(w, verdict);
                if (verdict.Status == DeploymentStatus.AwaitingApproval && verdict.Hook != null && _hooks != null && _hooks.Answers(verdict.Hook))
                {
                    // Ours to answer: the check runs once; ECS may still show the run waiting for a moment after the answer.
                    if (!w.AnswersSent.Contains(verdict.Hook.HookId))
                    {
                        await _hooks.AnswerAsync(w, verdict.Hook, Snapshot(w, verdict.Hook), cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                if (verdict.Status == DeploymentStatus.AwaitingApproval)
                {
                    AnnouncePause(w, verdict.Hook, options.WaitThroughPause);
                    if (options.WaitThroughPause)
                    {
                        continue;
                    }
                }

                if (!verdict.IsTerminal && options.FailFast && w.Service != null)
                {
                    verdict = await CheckFailFastAsync(w, cancellationToken).ConfigureAwait(false);
                    if (verdict.IsTerminal && w.Service.DeploymentConfiguration.CircuitBreakerRollback)
                    {
                        verdict = verdict.With(v => v.BreakerWillRollBack = true);
                    }
                }

                if (verdict.IsTerminal)
                {
                    await FinishAsync(w, verdict, onVerdict, cancellationToken).ConfigureAwait(false);
                }
            }

            return throttled;
        }

        /// <summary>DescribeServices for the names of one cluster, 10 a call. While the connection is
        /// unreachable, its calls end with the window (givesUpAt): cut then, they fail with the refusal.</summary>
        private async Task<List<EcsService>> DescribeServicesAsync(IEcsApi ecs, string cluster, List<string> names, DateTimeOffset? givesUpAt, CancellationToken cancellationToken)
        {
            var services = new List<EcsService>();
            var windowEnd = givesUpAt == null ? null : _clock.CreateCancellationTokenSource(givesUpAt.Value - _clock.GetUtcNow());
            var calls = windowEnd == null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, windowEnd.Token);
            var deadline = CallLimits.Current;
            var limits = givesUpAt == null ? null : CallLimits.Apply(new CallLimits(
                deadline == null || givesUpAt.Value < deadline.Deadline ? givesUpAt.Value : deadline.Deadline, deadline?.UnreachableRetryWindow));
            try
            {
                for (var i = 0; i < names.Count; i += ServicesPerCall)
                {
                    var result = await ecs.DescribeServicesAsync(cluster, names.Skip(i).Take(ServicesPerCall).ToList(), calls?.Token ?? cancellationToken).ConfigureAwait(false);
                    services.AddRange(result.Services);
                }

                return services;
            }
            catch (OperationCanceledException) when (windowEnd != null && windowEnd.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw ReachabilityOf(ecs).LastFailure!;
            }
            finally
            {
                limits?.Dispose();
                calls?.Dispose();
                windowEnd?.Dispose();
            }
        }

        // When one deployment of a connection needs the API, every pending one of that connection is
        // asked in the same calls: the price is per 20 ARNs, not per deployment.
        private async Task DescribeServiceDeploymentsAsync(List<WatchedDeployment> needing, List<WatchedDeployment> pending, CancellationToken cancellationToken)
        {
            foreach (var ecs in needing.Select(w => w.Ecs).Distinct())
            {
                if (_serviceDeploymentsUnavailable.Contains(ecs))
                {
                    continue;
                }

                var group = pending.Where(w => w.Ecs == ecs && !w.IsTerminal && w.Source.ServiceDeploymentArn != null).ToList();
                var arns = group.Select(w => w.Source.ServiceDeploymentArn!).Distinct(StringComparer.Ordinal).ToList();
                try
                {
                    var described = new List<ServiceDeployment>();
                    for (var i = 0; i < arns.Count; i += ServiceDeploymentsPerCall)
                    {
                        described.AddRange(await ecs.DescribeServiceDeploymentsAsync(arns.Skip(i).Take(ServiceDeploymentsPerCall).ToList(), cancellationToken).ConfigureAwait(false));
                    }

                    foreach (var w in group)
                    {
                        w.ServiceDeployment = described.FirstOrDefault(d => d.ServiceDeploymentArn == w.Source.ServiceDeploymentArn) ?? w.ServiceDeployment;
                    }
                }
                catch (AwsServiceException ex) when (ServiceDeploymentLookup.IsUnavailable(ex))
                {
                    _serviceDeploymentsUnavailable.Add(ecs);
                    _fallback.FellBack(_reporter, ex);
                }
                catch (Exception ex) when (ex is OperationCanceledException && !_invocation.IsCancellationRequested)
                {
                    // The wait's deadline cut the call short: deployments[] alone still gives a verdict.
                    _reporter.Verbose("DescribeServiceDeployments was cut short by the wait's timeout; using Service.deployments[] for this poll.");
                }
                catch (Exception ex) when (ServiceDeploymentsFallback.CanFallBack(ex))
                {
                    // deployments[] alone still gives a verdict; the API is asked again at the next poll.
                    _fallback.FellBack(_reporter, ex);
                }
            }
        }

        private void Observe(WatchedDeployment w)
        {
            var service = w.Service;
            if (service == null)
            {
                return;
            }

            var d = w.Source;
            // A rollback ECS runs for us (StopServiceDeployment) shows as the PRIMARY deployment.
            w.Entry = d.DeploymentId == null && d.Kind == DeploymentKind.Rollback ? service.Primary : service.Deployment(d.DeploymentId);
            if (w.Entry != null)
            {
                w.StartedAt ??= w.Entry.CreatedAt;
            }

            var since = (w.StartedAt ?? DateTimeOffset.MinValue).AddSeconds(-1);
            // ECS lists newest first; reversing before a stable sort keeps same-second events in their order.
            foreach (var e in service.Events.Reverse().Where(e => e.CreatedAt >= since).OrderBy(e => e.CreatedAt))
            {
                if (w.SeenEvents.Add(WatchedDeployment.Key(e.CreatedAt, e.Message)))
                {
                    w.Events.Add(new ServiceEventRecord { CreatedAt = e.CreatedAt, Message = e.Message });
                    _reporter.Information(new InformationMessage(InformationKind.ServiceEvent, w.Subject, e.Message, e.CreatedAt));
                }
            }

            var running = w.Entry?.RunningCount ?? 0;
            var desired = w.Entry?.DesiredCount ?? d.DesiredCount;
            var old = service.Deployments.Where(e => e != w.Entry).Sum(e => e.RunningCount + e.PendingCount);
            var percent = desired == 0 ? 0 : Math.Min(100, running * 100 / desired);
            _reporter.Progress(new ProgressReport(w.ProgressId, $"Deployment of {w.Subject}",
                $"{w.Entry?.Id ?? d.DeploymentId}: {running}/{desired} new tasks running, {old} old tasks still up", percent));
        }

        /// <summary>A native deployment's stage (a new one joins the timeline), its hook runs and its weights, live.</summary>
        private void ObserveNative(WatchedDeployment w)
        {
            var sd = w.ServiceDeployment!;
            var now = _clock.GetUtcNow();
            var stage = sd.LifecycleStage;
            if (stage != null && (w.StagesSeen.Count == 0 || w.StagesSeen[w.StagesSeen.Count - 1].Stage != stage))
            {
                w.StagesSeen.Add((stage, now));
                _reporter.Information(new InformationMessage(InformationKind.Step, w.Subject, $"Stage {stage}", now));
            }

            var configured = NativeJudge.ConfiguredHooks(sd, w.Service);
            foreach (var run in sd.LifecycleHookDetails)
            {
                var known = w.Hooks.FirstOrDefault(h => h.HookId == run.HookId);
                if (known == null)
                {
                    var hookStage = HookStages.StageOf(run, stage, configured);
                    if (hookStage != null)
                    {
                        w.HookStages[run.HookId] = hookStage;
                    }

                    known = NativeJudge.ResultOf(run, sd, w.Service, w.HookStages);
                    w.Hooks.Add(known);
                    _reporter.Information(new InformationMessage(InformationKind.Step, w.Subject, $"Hook {known}", now));
                    continue;
                }

                if (known.Status != run.Status)
                {
                    known.Status = run.Status;
                    _reporter.Information(new InformationMessage(InformationKind.Step, w.Subject, $"Hook {known}", now));
                }

                known.ExpiresAt = run.ExpiresAt ?? known.ExpiresAt;
            }

            var running = sd.TargetRunningTaskCount ?? w.Entry?.RunningCount ?? 0;
            var desired = sd.TargetRequestedTaskCount ?? w.Entry?.DesiredCount ?? 0;
            var old = sd.SourceServiceRevisions.Sum(r => r.RunningTaskCount ?? 0);
            var production = sd.TargetProductionTrafficWeight ?? 0;
            var percent = StageProgress(stage);
            _reporter.Progress(new ProgressReport(w.ProgressId, $"Deployment of {w.Subject}",
                $"{stage ?? sd.Status}: production {production:0.#}% / test {sd.TargetTestTrafficWeight ?? 0:0.#}% on the new revision; {running}/{desired} new tasks running, {old} old", percent));
        }

        // How far through the reported stages a deployment is, for the progress bar.
        private static int StageProgress(string? stage)
        {
            var index = stage == null ? -1 : Array.IndexOf(LifecycleStages.Reported.ToArray(), stage);
            return index < 0 ? 0 : index * 100 / LifecycleStages.Reported.Count;
        }

        /// <summary>Says once per hook run what the deployment waits for and until when, so a pause never looks like a hang.</summary>
        private void AnnouncePause(WatchedDeployment w, HookResult? hook, bool keepsWaiting)
        {
            if (hook == null || !w.AnnouncedPauses.Add(hook.HookId))
            {
                return;
            }

            var until = hook.ExpiresAt == null ? "" : $" until {hook.ExpiresAt.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, when ECS applies {hook.TimeoutAction ?? LifecycleHookValues.Rollback}";
            var then = keepsWaiting ? "this wait keeps waiting (its timeout still applies)" : "nothing in this wait answers it; the deployment is returned AwaitingApproval";
            _reporter.Warning($"{w.Subject}: ECS holds the deployment at {hook.Stage ?? w.ServiceDeployment?.LifecycleStage ?? "a lifecycle stage"} on PAUSE hook {hook.HookId}{until}: it waits for CONTINUE or ROLLBACK; {then}.");
        }

        // Reads the stopped tasks when the failure count moves, and every few polls while the new
        // tasks fall short (the count resets on a healthy task, and may lag ListTasks).
        private async Task<Verdict> CheckFailFastAsync(WatchedDeployment w, CancellationToken cancellationToken)
        {
            var ours = w.Entry;
            if (ours == null || w.Source.DeploymentId == null)
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
                var stopped = await EvidenceCollector.StoppedTasksAsync(w.Ecs, w.Source.Cluster, w.Source.DeploymentId, cancellationToken).ConfigureAwait(false);
                return FailFastRules.Check(stopped, CircuitBreakerState.DefaultThreshold(w.Service!.DesiredCount));
            }
            catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException ||
                                       (ex is OperationCanceledException && !_invocation.IsCancellationRequested))
            {
                _reporter.Verbose($"Could not list the stopped tasks of {w.Source.DeploymentId} ({ex.Message}); trying again later.");
                return Verdict.InProgress;
            }
        }

        private async Task FinishAsync(WatchedDeployment w, Verdict verdict, Func<EcsDeployment, Task> onVerdict, CancellationToken cancellationToken)
        {
            w.Verdict = verdict;
            var result = await ReportFor(w, verdict, cancellationToken).ConfigureAwait(false);
            _reporter.Progress(new ProgressReport(w.ProgressId, $"Deployment of {w.Subject}", verdict.Status.ToString(), 100, completed: true));
            await onVerdict(result).ConfigureAwait(false);
        }

        /// <summary>A hook run this wait answered (and ECS took the answer) carries the decision and its reason into the verdict.</summary>
        private static void AttachAnswer(WatchedDeployment w, Verdict verdict)
        {
            if (verdict.Hook != null && w.AnswersSent.Contains(verdict.Hook.HookId) && w.Answers.TryGetValue(verdict.Hook.HookId, out var answer))
            {
                verdict.Hook.Action = answer.Action;
                verdict.Hook.Message = answer.Reason;
            }
        }

        /// <summary>The deployment as it stands while ECS holds it at a hook: what a -Hook check is given.</summary>
        private static EcsDeployment Snapshot(WatchedDeployment w, HookResult hook)
        {
            var d = w.ObservedCopy();
            var sd = w.ServiceDeployment!;
            d.Verdict = null;
            d.Status = DeploymentStatus.InProgress;
            d.StatusReason = $"ECS holds the deployment at {hook.Stage} on PAUSE hook {hook.HookId}.";
            d.Strategy = sd.DeploymentConfiguration?.Strategy ?? w.Service?.DeploymentConfiguration.Strategy ?? d.Strategy;
            w.DescribeNative(d, null);
            d.PendingHook = hook.Copy();
            return d;
        }

        /// <summary>The output object: the given one's identity, the watcher's observations, the verdict and its evidence.</summary>
        private async Task<EcsDeployment> ReportFor(WatchedDeployment w, Verdict verdict, CancellationToken cancellationToken)
        {
            var d = w.ObservedCopy();
            var sd = w.ServiceDeployment;
            d.Verdict = verdict;
            d.Status = verdict.Status;
            d.StatusReason = null;
            d.RolledBackTo = verdict.RolledBackTo ?? d.RolledBackTo;

            if (w.Service != null)
            {
                d.CircuitBreaker = CircuitBreakerState.For(w.Service, w.Entry?.FailedTasks ?? 0);
            }

            if (sd != null)
            {
                d.CircuitBreaker.Status = sd.CircuitBreakerStatus;
                d.CircuitBreaker.FailureCount = sd.CircuitBreakerFailureCount ?? d.CircuitBreaker.FailureCount;
                d.CircuitBreaker.Threshold = sd.CircuitBreakerThreshold ?? d.CircuitBreaker.Threshold;
            }

            d.CompletedAt = verdict.Status == DeploymentStatus.TimedOut || verdict.Status == DeploymentStatus.AwaitingApproval
                ? null
                : sd?.FinishedAt ?? w.Events.LastOrDefault()?.CreatedAt ?? _clock.GetUtcNow();
            if (sd != null && w.IsNative)
            {
                w.DescribeNative(d, d.CompletedAt);
            }

            // A TimedOut verdict has no time left for more calls: it carries the last known state.
            if (verdict.Status != DeploymentStatus.Succeeded && verdict.Status != DeploymentStatus.TimedOut &&
                d.DeploymentId != null && verdict.Cause != VerdictCause.ObservationFailed)
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
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException ||
                                           (ex is OperationCanceledException && !_invocation.IsCancellationRequested))
                {
                    // The verdict stands without its evidence (a timeout cut the listing short).
                    _reporter.Verbose($"Could not list the stopped tasks of {d.DeploymentId}: {ex.Message}");
                }
            }

            if (w.Drain != null && verdict.Status != DeploymentStatus.TimedOut)
            {
                await w.Drain.FinishAsync(d, verdict, cancellationToken).ConfigureAwait(false);
            }
            else if (w.Drain != null && w.Service != null)
            {
                // Past the deadline, what holds the deployment up is worth a few more seconds, never a
                // hang on an endpoint that stopped answering; a wait that never got an answer skips it.
                using (var grace = _clock.CreateCancellationTokenSource(TimedOutEvidenceGrace))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, grace.Token))
                {
                    try
                    {
                        await w.Drain.FinishAsync(d, verdict, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!_invocation.IsCancellationRequested)
                    {
                        _reporter.Verbose($"The drain of {d.Cluster}/{d.Service} was not read within {TimedOutEvidenceGrace.TotalSeconds:0} s after the timeout.");
                    }
                }
            }

            return d;
        }
    }
}
