using System.Globalization;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Ecs;
using EcsBlueGreen.Simulator.Elb;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// BLUE_GREEN, LINEAR and CANARY deployments under the ECS controller (docs/simulator.md, "Native deployments"):
/// the lifecycle stages in order, green scaled up in the alternate target groups, test then production traffic
/// moved by listener-rule weights (all at once, in linear steps, or a canary step then the rest), bake time,
/// hooks (PAUSE and simulated Lambda functions), alarms, and clean-up of blue. A rollback at any stage puts
/// production back on blue at once and hands the service to the rolling scheduler, which stops green.
/// Every stage lasts at least one engine step so that pollers can see it.
/// </summary>
public static class NativeScheduler
{
    public static readonly IReadOnlyList<string> Strategies = new[] { "BLUE_GREEN", "LINEAR", "CANARY" };

    /// <summary>Stages whose hooks run (PAUSE hooks are refused at the two traffic shifts, only Lambda runs there).</summary>
    private static readonly HashSet<string> HookStages = new(StringComparer.Ordinal)
    {
        "RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
        "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
    };

    /// <summary>Sets up a new deployment as native when the service's strategy and load balancers allow it.</summary>
    public static void Begin(World world, Service service, Deployment green, IReadOnlyList<Deployment> sources)
    {
        // A newer deployment replaces an unfinished one: only the newest moves traffic from now on.
        foreach (var older in service.Deployments.Where(d => d != green && d.Native is { Done: false })) older.Native!.Done = true;
        var settings = service.DeploymentConfiguration;
        if (!Strategies.Contains(settings.Strategy)) return;
        var routes = new List<TrafficRoute>();
        var alternate = true;
        foreach (var lb in service.LoadBalancers.Where(l => l.Advanced != null && l.TargetGroupArn != null))
        {
            var advanced = lb.Advanced!;
            var rule = ProductionRule(world, advanced.ProductionListenerRule);
            if (rule == null) continue;
            // Whichever group carries production now is blue; after a finished deployment the roles have swapped.
            var onAlternate = Weight(rule, advanced.AlternateTargetGroupArn) > Weight(rule, lb.TargetGroupArn!);
            alternate = !onAlternate;
            var blue = onAlternate ? advanced.AlternateTargetGroupArn : lb.TargetGroupArn!;
            var greenGroup = onAlternate ? lb.TargetGroupArn! : advanced.AlternateTargetGroupArn;
            routes.Add(new TrafficRoute(blue, greenGroup, rule.Arn, advanced.TestListenerRule));
        }
        if (routes.Count == 0) return;

        var extra = settings.Extra;
        var steps = settings.Strategy switch
        {
            "LINEAR" => LinearSteps(Number(extra["linearConfiguration"]?["stepPercent"]) ?? 10),
            "CANARY" => new[] { Number(extra["canaryConfiguration"]?["canaryPercent"]) ?? 5, 100.0 },
            _ => new[] { 100.0 },
        };
        var stepBakeMinutes = settings.Strategy switch
        {
            "LINEAR" => Number(extra["linearConfiguration"]?["stepBakeTimeInMinutes"]) ?? 6,
            "CANARY" => Number(extra["canaryConfiguration"]?["canaryBakeTimeInMinutes"]) ?? 10,
            _ => 0,
        };
        var alarms = extra["alarms"] as JsonObject;
        green.UsesAlternateTargetGroup = alternate;
        green.Native = new NativeRollout
        {
            Strategy = settings.Strategy,
            ProductionSteps = steps,
            StepBakeSeconds = stepBakeMinutes * 60,
            BakeSeconds = (Number(extra["bakeTimeInMinutes"]) ?? 0) * 60,
            Hooks = ParseHooks(extra["lifecycleHooks"] as JsonArray),
            Routes = routes,
            ReconcileFirst = sources.Count > 1,
            AlarmNames = alarms?["enable"]?.GetValue<bool>() == true
                ? (alarms["alarmNames"] as JsonArray ?? new JsonArray()).Select(a => a!.GetValue<string>()).ToList()
                : Array.Empty<string>(),
            AlarmRollback = alarms?["rollback"]?.GetValue<bool>() == true,
        };
        foreach (var route in routes) SetWeights(world, route, 0, 0);
    }

    /// <summary>One engine step of the service's native deployment; false when there is none in progress.</summary>
    public static bool Step(World world, Service service, TickEvents events)
    {
        var green = service.Deployments.LastOrDefault(d => d.Native is { Done: false });
        if (green == null) return false;
        var rollout = green.Native!;
        var sd = green.ServiceDeployment!;
        if (sd.Status != "IN_PROGRESS")
        {
            // Rolled back (breaker, StopServiceDeployment) or replaced by a newer deployment: production goes back to blue now.
            if (sd.Status != "PENDING") Abandon(world, rollout);
            return sd.Status == "PENDING";
        }

        ServiceScheduler.ReplaceUnhealthy(world, service, events);
        ServiceScheduler.MarkHealthy(world, service);
        if (!ReferenceEquals(green.Native, rollout) || rollout.Done) return false;
        if (sd.Status != "IN_PROGRESS") { Abandon(world, rollout); return false; }

        if (rollout.Stage == null) Enter(world, rollout, rollout.ReconcileFirst ? "RECONCILE_SERVICE" : "PRE_SCALE_UP");
        if (CheckAlarms(world, service, green, events)) return false;
        if (RunHooks(world, service, green, events)) return false;

        var minimumReached = world.Now - rollout.StageEnteredAt >= TimeSpan.FromSeconds(world.Settings.StepSeconds);
        var hooksDone = rollout.Runs.Where(r => r.Stage == rollout.Stage).All(r => !r.IsPending);
        switch (rollout.Stage)
        {
            case "RECONCILE_SERVICE":
                if (minimumReached && hooksDone) Enter(world, rollout, "PRE_SCALE_UP");
                break;
            case "PRE_SCALE_UP":
                if (minimumReached && hooksDone) Enter(world, rollout, "SCALE_UP");
                break;
            case "SCALE_UP":
                ScaleUp(world, service, green, events);
                var mine = service.Tasks.Where(t => t.WantsToRun && t.Deployment == green).ToList();
                if (minimumReached && mine.Count == service.DesiredCount && mine.All(t => LoadBalancing.IsHealthy(world, t)))
                    Enter(world, rollout, "POST_SCALE_UP");
                break;
            case "POST_SCALE_UP":
                if (minimumReached && hooksDone)
                {
                    Enter(world, rollout, "TEST_TRAFFIC_SHIFT");
                    rollout.TestWeight = 100;
                    foreach (var route in rollout.Routes) SetWeights(world, route, rollout.ProductionWeight, rollout.TestWeight);
                }
                break;
            case "TEST_TRAFFIC_SHIFT":
                if (minimumReached && hooksDone) Enter(world, rollout, "POST_TEST_TRAFFIC_SHIFT");
                break;
            case "POST_TEST_TRAFFIC_SHIFT":
                if (minimumReached && hooksDone) Enter(world, rollout, "PRE_PRODUCTION_TRAFFIC_SHIFT");
                break;
            case "PRE_PRODUCTION_TRAFFIC_SHIFT":
                if (minimumReached && hooksDone)
                {
                    Enter(world, rollout, "PRODUCTION_TRAFFIC_SHIFT");
                    rollout.ProductionWeight = rollout.ProductionSteps[rollout.StepIndex];
                    foreach (var route in rollout.Routes) SetWeights(world, route, rollout.ProductionWeight, rollout.TestWeight);
                }
                break;
            case "PRODUCTION_TRAFFIC_SHIFT":
                var last = rollout.StepIndex == rollout.ProductionSteps.Count - 1;
                var baked = last || world.Now - rollout.StageEnteredAt >= TimeSpan.FromSeconds(rollout.StepBakeSeconds);
                if (minimumReached && hooksDone && baked)
                {
                    if (last) Enter(world, rollout, "POST_PRODUCTION_TRAFFIC_SHIFT");
                    else
                    {
                        rollout.StepIndex++;
                        Enter(world, rollout, "PRE_PRODUCTION_TRAFFIC_SHIFT");
                    }
                }
                break;
            case "POST_PRODUCTION_TRAFFIC_SHIFT":
                if (minimumReached && hooksDone) Enter(world, rollout, "BAKE_TIME");
                break;
            case "BAKE_TIME":
                if (minimumReached && world.Now - rollout.StageEnteredAt >= TimeSpan.FromSeconds(rollout.BakeSeconds))
                {
                    Enter(world, rollout, "CLEAN_UP");
                    StopBlue(world, service, green, events);
                }
                break;
            case "CLEAN_UP":
                StopBlue(world, service, green, events);
                if (minimumReached && !service.Tasks.Any(t => t.Deployment != green && t.IsInFlight)) Complete(world, service, green, events);
                break;
        }
        return true;
    }

    /// <summary>ContinueServiceDeployment: answers the PAUSE hook waiting with <paramref name="hookId"/>; false when none is.</summary>
    public static bool Continue(World world, Service service, ServiceDeployment sd, string hookId, string action)
    {
        var green = sd.Target;
        if (green.Native is not { Done: false } rollout || sd.Status != "IN_PROGRESS") return false;
        var run = rollout.Runs.FirstOrDefault(r => r.HookId == hookId && r.Status == "AWAITING_ACTION");
        if (run == null) return false;
        var events = new TickEvents();
        if (action == "CONTINUE") run.Status = "SUCCEEDED";
        else
        {
            run.Status = "FAILED";
            RollBack(world, service, green, events, $"Service deployment rolled back because a rollback was requested for the lifecycle hook {hookId} at {run.Stage}.");
        }
        sd.UpdatedAt = world.Now;
        events.Flush(world);
        return true;
    }

    private static void Enter(World world, NativeRollout rollout, string stage)
    {
        rollout.Stage = stage;
        rollout.StageEnteredAt = world.Now;
        rollout.Timeline.Add((stage, world.Now));
        if (!HookStages.Contains(stage)) return;
        var trafficShift = stage is "TEST_TRAFFIC_SHIFT" or "PRODUCTION_TRAFFIC_SHIFT";
        foreach (var hook in rollout.Hooks.Where(h => h.Stages.Contains(stage)))
        {
            if (hook.TargetType == "PAUSE" && trafficShift) continue;
            var pause = hook.TargetType == "PAUSE";
            rollout.Runs.Add(new HookRun
            {
                HookId = world.Ids.Uuid(),
                Hook = hook,
                Stage = stage,
                StartedAt = world.Now,
                ExpiresAt = world.Now.AddMinutes(pause ? hook.TimeoutMinutes : LambdaHooks.TimeoutMinutes),
                Status = pause ? "AWAITING_ACTION" : "IN_PROGRESS",
                NextInvocationAt = world.Now,
            });
        }
    }

    /// <summary>Invokes due Lambda hooks and expires PAUSE hooks; true when a hook rolled the deployment back.</summary>
    private static bool RunHooks(World world, Service service, Deployment green, TickEvents events)
    {
        var rollout = green.Native!;
        foreach (var run in rollout.Runs.Where(r => r.Stage == rollout.Stage && r.IsPending).ToList())
        {
            if (run.Status == "IN_PROGRESS" && world.Now >= run.NextInvocationAt)
            {
                run.Invocations++;
                run.Status = LambdaHooks.Invoke(run.Hook.TargetArn, run.Invocations);
                run.NextInvocationAt = world.Now.AddSeconds(LambdaHooks.CallbackDelaySeconds);
                if (run.Status == "FAILED")
                {
                    RollBack(world, service, green, events, $"Service deployment rolled back because the lifecycle hook {run.Hook.TargetArn} failed at {run.Stage}.");
                    return true;
                }
            }
            if (run.IsPending && run.ExpiresAt is { } expires && world.Now >= expires)
            {
                run.Status = "TIMED_OUT";
                if (run.Hook.TargetType != "PAUSE" || run.Hook.TimeoutAction == "ROLLBACK")
                {
                    RollBack(world, service, green, events, $"Service deployment rolled back because the lifecycle hook {run.HookId} timed out at {run.Stage}.");
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>An alarm of deploymentConfiguration.alarms in ALARM fails the deployment (and rolls it back when asked).</summary>
    private static bool CheckAlarms(World world, Service service, Deployment green, TickEvents events)
    {
        var rollout = green.Native!;
        var firing = rollout.AlarmNames.Where(n => world.Alarms.TryGetValue(n, out var state) && state == "ALARM").ToList();
        if (firing.Count == 0) return false;
        rollout.TriggeredAlarms.AddRange(firing.Except(rollout.TriggeredAlarms).ToList());
        var reason = $"Service deployment rolled back because the alarm(s) {string.Join(", ", firing)} went into ALARM state.";
        if (rollout.AlarmRollback) RollBack(world, service, green, events, reason);
        else
        {
            Abandon(world, rollout);
            var sd = green.ServiceDeployment!;
            sd.Status = "STOP_REQUESTED";
            sd.StatusReason = $"Service deployment stopped because the alarm(s) {string.Join(", ", firing)} went into ALARM state.";
            sd.UpdatedAt = world.Now;
            green.RolloutState = "FAILED";
            green.RolloutStateReason = $"ECS deployment {green.Id} failed: alarm(s) {string.Join(", ", firing)} in ALARM state.";
            green.FailedAt = world.Now;
        }
        return true;
    }

    /// <summary>Production (and test) traffic back to blue in this step, then ECS's rollback to the last completed deployment.</summary>
    private static void RollBack(World world, Service service, Deployment green, TickEvents events, string reason)
    {
        Abandon(world, green.Native!);
        CircuitBreaker.RollBack(world, service, green, events, byUser: true);
        var sd = green.ServiceDeployment!;
        if (sd.Status == "ROLLBACK_IN_PROGRESS")
        {
            sd.StatusReason = reason;
            sd.RollbackReason = reason;
        }
        green.RolloutStateReason = $"ECS deployment {green.Id} failed: {reason}";
    }

    private static void Abandon(World world, NativeRollout rollout)
    {
        rollout.Done = true;
        rollout.ProductionWeight = 0;
        rollout.TestWeight = 0;
        foreach (var route in rollout.Routes) SetWeights(world, route, 0, 0);
    }

    private static void ScaleUp(World world, Service service, Deployment green, TickEvents events)
    {
        var live = service.Tasks.Count(t => t.WantsToRun && t.Deployment == green);
        if (live < service.DesiredCount) ServiceScheduler.StartTasks(world, service, green, service.DesiredCount - live, events);
    }

    private static void StopBlue(World world, Service service, Deployment green, TickEvents events)
    {
        foreach (var task in service.Tasks.Where(t => t.WantsToRun && t.Deployment != green).ToList())
        {
            events.Add(service, "stopped", task.Id, ids => EventText.Stopped(service, ids));
            TaskLifecycle.RequestStop(world, task, "ServiceSchedulerInitiated", $"Scaling activity initiated by (deployment {green.Id})", events);
        }
    }

    private static void Complete(World world, Service service, Deployment green, TickEvents events)
    {
        green.Native!.Done = true;
        foreach (var dep in service.ListedDeployments.Where(d => d != green).ToList())
        {
            dep.Listed = false;
            dep.Status = "INACTIVE";
            dep.UpdatedAt = world.Now;
        }
        green.RolloutState = "COMPLETED";
        green.RolloutStateReason = $"ECS deployment {green.Id} completed.";
        green.CompletedAt = world.Now;
        green.UpdatedAt = world.Now;
        events.Message(service, EventText.Completed(service, green.Id));
        service.Steady = false;
        ServiceDeploymentProgress.Completed(world, service, green);
    }

    /// <summary>Green gets <paramref name="production"/> % of the production rule and <paramref name="test"/> % of the test rule.</summary>
    private static void SetWeights(World world, TrafficRoute route, double production, double test)
    {
        if (ProductionRule(world, route.ProductionRuleArn) is { } rule) Reweight(rule, route, production);
        if (route.TestRuleArn != null && world.Elb.Rules.FirstOrDefault(r => r.Arn == route.TestRuleArn) is { } testRule) Reweight(testRule, route, test);
    }

    private static void Reweight(ListenerRule rule, TrafficRoute route, double greenPercent)
    {
        var greenWeight = (int)Math.Round(greenPercent, MidpointRounding.AwayFromZero);
        rule.ForwardTo.Clear();
        rule.ForwardTo.Add((route.BlueGroupArn, 100 - greenWeight));
        rule.ForwardTo.Add((route.GreenGroupArn, greenWeight));
    }

    /// <summary>A rule ARN, or (NLB style) a listener ARN standing for its default rule.</summary>
    public static ListenerRule? ProductionRule(World world, string arn) =>
        world.Elb.Rules.FirstOrDefault(r => r.Arn == arn) ?? world.Elb.Rules.FirstOrDefault(r => r.ListenerArn == arn && r.IsDefault);

    private static int Weight(ListenerRule rule, string groupArn) => rule.ForwardTo.Where(f => f.TargetGroupArn == groupArn).Sum(f => f.Weight);

    private static double[] LinearSteps(double percent)
    {
        var steps = new List<double>();
        for (var k = 1; k * percent < 100 - 1e-9; k++) steps.Add(Math.Round(k * percent, 4));
        steps.Add(100);
        return steps.ToArray();
    }

    /// <summary>A JSON number as a double, whether it came off the wire or was built in code as an int.</summary>
    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static List<LifecycleHook> ParseHooks(JsonArray? hooks)
    {
        var result = new List<LifecycleHook>();
        foreach (var h in (hooks ?? new JsonArray()).OfType<JsonObject>())
        {
            var timeout = h["timeoutConfiguration"] as JsonObject;
            result.Add(new LifecycleHook(
                h["targetType"]?.GetValue<string>() ?? "AWS_LAMBDA",
                h["hookTargetArn"]?.GetValue<string>() ?? "",
                (h["lifecycleStages"] as JsonArray ?? new JsonArray()).Select(s => s!.GetValue<string>()).ToList(),
                Number(timeout?["timeoutInMinutes"]) ?? 1440,
                timeout?["action"]?.GetValue<string>() ?? "ROLLBACK"));
        }
        return result;
    }

    public static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
