using System.Text.Json.Nodes;
using static EcsBlueGreen.Simulator.Protocol.JsonInput;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>The wire members of native (BLUE_GREEN, LINEAR, CANARY) deployments: stage, weights, hook details, alarms.</summary>
public static class NativeViews
{
    public static JsonObject? AdvancedConfiguration(AdvancedConfiguration? a) => a == null ? null : new JsonObject
    {
        ["alternateTargetGroupArn"] = a.AlternateTargetGroupArn,
        ["productionListenerRule"] = a.ProductionListenerRule,
    }.Put("testListenerRule", a.TestListenerRule).Put("roleArn", a.RoleArn);

    /// <summary>Adds lifecycleStage, the requested weights of target and sources, lifecycleHookDetails and alarms.</summary>
    public static void Decorate(JsonObject o, ServiceDeployment sd)
    {
        if (sd.Target.Native is not { } rollout) return;
        // PRE_PRODUCTION_TRAFFIC_SHIFT is a hook stage, not a lifecycleStage value: the deployment reports the shift it precedes.
        if (rollout.Stage != null) o["lifecycleStage"] = rollout.Stage == "PRE_PRODUCTION_TRAFFIC_SHIFT" ? "PRODUCTION_TRAFFIC_SHIFT" : rollout.Stage;
        if (o["targetServiceRevision"] is JsonObject target)
        {
            target["requestedTestTrafficWeight"] = rollout.TestWeight;
            target["requestedProductionTrafficWeight"] = rollout.ProductionWeight;
        }
        if (o["sourceServiceRevisions"] is JsonArray sources)
        {
            foreach (var source in sources.OfType<JsonObject>())
            {
                source["requestedTestTrafficWeight"] = 100 - rollout.TestWeight;
                source["requestedProductionTrafficWeight"] = 100 - rollout.ProductionWeight;
            }
        }
        o["lifecycleHookDetails"] = new JsonArray(rollout.Runs.Select(r => (JsonNode)HookDetail(r)).ToArray());
        if (rollout.AlarmNames.Count > 0)
        {
            o["alarms"] = new JsonObject
            {
                ["status"] = rollout.TriggeredAlarms.Count > 0 ? "TRIGGERED" : rollout.Done ? "MONITORING_COMPLETE" : "MONITORING",
                ["alarmNames"] = new JsonArray(rollout.AlarmNames.Select(n => (JsonNode)n).ToArray()),
                ["triggeredAlarmNames"] = new JsonArray(rollout.TriggeredAlarms.Select(n => (JsonNode)n).ToArray()),
            };
        }
    }

    private static JsonObject HookDetail(HookRun run)
    {
        var o = new JsonObject
        {
            ["hookId"] = run.HookId,
            ["targetType"] = run.Hook.TargetType,
            ["targetArn"] = run.Hook.TargetArn,
            ["status"] = run.Status,
        };
        if (run.ExpiresAt is { } expires) o["expiresAt"] = Epoch(expires);
        if (run.Hook.TargetType == "PAUSE") o["timeoutAction"] = run.Hook.TimeoutAction;
        return o;
    }
}
