using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>Checks of the input native deployments rely on, answered as ECS does (InvalidParameterException).</summary>
public static class NativeValidation
{
    private static readonly HashSet<string> HookStages = new(StringComparer.Ordinal)
    {
        "RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
        "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
    };

    /// <summary>loadBalancers[].advancedConfiguration: the alternate target group and the rules must exist.</summary>
    public static AdvancedConfiguration? AdvancedConfiguration(World world, JsonObject? input)
    {
        if (input == null) return null;
        var alternate = input.Str("alternateTargetGroupArn") ?? throw AwsException.InvalidParameter("advancedConfiguration.alternateTargetGroupArn is required.");
        var production = input.Str("productionListenerRule") ?? throw AwsException.InvalidParameter("advancedConfiguration.productionListenerRule is required.");
        if (world.Elb.FindTargetGroup(alternate) == null)
            throw AwsException.InvalidParameter($"The target group with targetGroupArn {alternate} does not exist.");
        if (NativeScheduler.ProductionRule(world, production) == null)
            throw AwsException.InvalidParameter($"The listener rule {production} does not exist.");
        var test = input.Str("testListenerRule");
        if (test != null && NativeScheduler.ProductionRule(world, test) == null)
            throw AwsException.InvalidParameter($"The listener rule {test} does not exist.");
        return new AdvancedConfiguration(alternate, production, test, input.Str("roleArn"));
    }

    /// <summary>lifecycleHooks: known stages, and no PAUSE hook at a traffic shift (ECS refuses those).</summary>
    public static void LifecycleHooks(DeploymentSettings settings)
    {
        foreach (var hook in (settings.Extra["lifecycleHooks"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
        {
            var type = hook.Str("targetType");
            if (type is not ("AWS_LAMBDA" or "PAUSE"))
                throw AwsException.InvalidParameter($"lifecycleHooks.targetType {type} is not valid; use AWS_LAMBDA or PAUSE.");
            if (type == "AWS_LAMBDA" && hook.Str("hookTargetArn") == null)
                throw AwsException.InvalidParameter("lifecycleHooks.hookTargetArn is required for AWS_LAMBDA hooks.");
            foreach (var stage in (hook.Arr("lifecycleStages") ?? new JsonArray()).Select(s => s?.GetValue<string>()))
            {
                if (stage == null || !HookStages.Contains(stage))
                    throw AwsException.InvalidParameter($"lifecycleStages value {stage} is not valid.");
                if (type == "PAUSE" && stage is "TEST_TRAFFIC_SHIFT" or "PRODUCTION_TRAFFIC_SHIFT")
                    throw AwsException.InvalidParameter($"A PAUSE lifecycle hook cannot be attached to {stage}.");
            }
        }
    }
}
