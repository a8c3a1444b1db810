using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// The deploymentConfiguration a deployment is started with when the strategy, bake times, steps or
    /// PAUSE hooks are asked for: checked against ECS's ranges and the service's load balancers before
    /// anything is written, and built from the configuration ECS sent (so members this module does not
    /// model, such as a Lambda hook's hookDetails, go back unchanged).
    /// </summary>
    public sealed class StrategyChange
    {
        private StrategyChange(string before, string after, JsonObject configuration, IReadOnlyList<string> lines)
        {
            StrategyBefore = before;
            Strategy = after;
            Configuration = configuration;
            DescriptionLines = lines;
        }

        /// <summary>The strategy the service had (ECS spelling).</summary>
        public string StrategyBefore { get; }

        /// <summary>The strategy the deployment runs with (ECS spelling).</summary>
        public string Strategy { get; }

        /// <summary>The whole deploymentConfiguration to write with UpdateService.</summary>
        public JsonObject Configuration { get; }

        /// <summary>Before → after of strategy, bake time, step or canary, and hooks, for -WhatIf.</summary>
        public IReadOnlyList<string> DescriptionLines { get; }

        /// <summary>The checks that need no service: names and ranges.</summary>
        public static void Validate(StrategySettings settings)
        {
            if (settings.Strategy != null)
            {
                NormalizeStrategy(settings.Strategy);
            }

            CheckRange("-BakeTime", settings.BakeTimeInMinutes, 0, 1440, "minutes");
            CheckRange("-StepBakeTime", settings.StepBakeTimeInMinutes, 0, 1440, "minutes");
            CheckRange("-CanaryBakeTime", settings.CanaryBakeTimeInMinutes, 0, 1440, "minutes");
            CheckRange("-StepPercent", settings.StepPercent, 3, 100, "percent");
            CheckRange("-CanaryPercent", settings.CanaryPercent, 0.1, 100, "percent");
            CheckRange("-HookTimeout", settings.HookTimeoutInMinutes, 1, 20160, "minutes");
            if (settings.HookTimeoutAction != null)
            {
                NormalizeTimeoutAction(settings.HookTimeoutAction);
            }

            if (settings.PauseAt.Count == 0 && (settings.HookTimeoutInMinutes != null || settings.HookTimeoutAction != null))
            {
                throw Invalid("-HookTimeout and -HookTimeoutAction apply to the PAUSE hooks of -PauseAt: pass -PauseAt too.");
            }

            foreach (var name in settings.PauseAt)
            {
                PauseStage(name);
            }
        }

        /// <summary>The configuration to write for this service, or an error naming what does not fit.</summary>
        public static StrategyChange For(EcsService service, StrategySettings settings)
        {
            Validate(settings);
            var current = service.DeploymentConfiguration;
            var before = string.IsNullOrEmpty(current.Strategy) ? DeploymentStrategies.Rolling : current.Strategy;
            var after = settings.Strategy == null ? before : NormalizeStrategy(settings.Strategy);

            if ((settings.StepPercent != null || settings.StepBakeTimeInMinutes != null) && after != DeploymentStrategies.Linear)
            {
                throw Invalid($"-StepPercent and -StepBakeTime set the steps of a LINEAR deployment; this one is {after}. Pass -Strategy Linear, or leave them out.");
            }

            if ((settings.CanaryPercent != null || settings.CanaryBakeTimeInMinutes != null) && after != DeploymentStrategies.Canary)
            {
                throw Invalid($"-CanaryPercent and -CanaryBakeTime set the canary of a CANARY deployment; this one is {after}. Pass -Strategy Canary, or leave them out.");
            }

            if (!DeploymentStrategies.ShiftsTraffic(after))
            {
                if (settings.BakeTimeInMinutes != null || settings.PauseAt.Count > 0)
                {
                    throw Invalid($"-BakeTime and -PauseAt need a traffic-shifting deployment (BlueGreen, Linear or Canary); this one is {after}. Pass -Strategy, or leave them out.");
                }
            }
            else
            {
                ThrowIfNoAdvancedConfiguration(service, after);
                if (after == DeploymentStrategies.BlueGreen && settings.BakeTimeInMinutes == null && current.BakeTimeInMinutes == null)
                {
                    throw Invalid("A BLUE_GREEN deployment needs a bake time and the service has none: pass -BakeTime <minutes>.");
                }
            }

            var configuration = (JsonObject?)current.Raw?.DeepClone() ?? new JsonObject();
            configuration["strategy"] = after;
            if (settings.BakeTimeInMinutes != null)
            {
                configuration["bakeTimeInMinutes"] = settings.BakeTimeInMinutes.Value;
            }

            if (settings.StepPercent != null || settings.StepBakeTimeInMinutes != null)
            {
                var linear = ChildObject(configuration, "linearConfiguration");
                if (settings.StepPercent != null) linear["stepPercent"] = settings.StepPercent.Value;
                if (settings.StepBakeTimeInMinutes != null) linear["stepBakeTimeInMinutes"] = settings.StepBakeTimeInMinutes.Value;
            }

            if (settings.CanaryPercent != null || settings.CanaryBakeTimeInMinutes != null)
            {
                var canary = ChildObject(configuration, "canaryConfiguration");
                if (settings.CanaryPercent != null) canary["canaryPercent"] = settings.CanaryPercent.Value;
                if (settings.CanaryBakeTimeInMinutes != null) canary["canaryBakeTimeInMinutes"] = settings.CanaryBakeTimeInMinutes.Value;
            }

            if (settings.PauseAt.Count > 0)
            {
                configuration["lifecycleHooks"] = MergePauseHooks(configuration["lifecycleHooks"] as JsonArray, settings);
            }

            var original = current.Raw ?? new JsonObject();
            var lines = new List<string>
            {
                $"  strategy: {before} -> {after}",
                $"  bake time: {Minutes(original["bakeTimeInMinutes"])} -> {Minutes(configuration["bakeTimeInMinutes"])}",
            };
            if (after == DeploymentStrategies.Linear || before == DeploymentStrategies.Linear)
            {
                lines.Add($"  linear step: {Linear(original)} -> {Linear(configuration)}");
            }

            if (after == DeploymentStrategies.Canary || before == DeploymentStrategies.Canary)
            {
                lines.Add($"  canary: {Canary(original)} -> {Canary(configuration)}");
            }

            lines.Add($"  lifecycle hooks: {Hooks(original)} -> {Hooks(configuration)}");
            return new StrategyChange(before, after, configuration, lines);
        }

        /// <summary>
        /// The service's hooks with PAUSE hooks at the asked stages: Lambda hooks stay as they are; a stage an
        /// existing PAUSE hook already covers moves to the new hook, so its timeout and action are the asked ones
        /// and a second start with the same -PauseAt adds nothing twice.
        /// </summary>
        private static JsonArray MergePauseHooks(JsonArray? existing, StrategySettings settings)
        {
            var stages = LifecycleStages.Hookable.Where(s => settings.PauseAt.Select(PauseStage).Contains(s)).ToList();
            var merged = new JsonArray();
            foreach (var node in existing ?? new JsonArray())
            {
                if (node is JsonObject hook && (string?)hook["targetType"] == LifecycleHookValues.Pause)
                {
                    var kept = (hook["lifecycleStages"] as JsonArray ?? new JsonArray())
                        .Select(s => (string?)s).Where(s => s != null && !stages.Contains(s)).ToList();
                    if (kept.Count == 0)
                    {
                        continue;
                    }

                    var copy = (JsonObject)hook.DeepClone();
                    copy["lifecycleStages"] = new JsonArray(kept.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
                    merged.Add(copy);
                }
                else
                {
                    merged.Add(node?.DeepClone());
                }
            }

            var timeout = new JsonObject();
            if (settings.HookTimeoutInMinutes != null)
            {
                timeout["timeoutInMinutes"] = settings.HookTimeoutInMinutes.Value;
            }

            timeout["action"] = settings.HookTimeoutAction == null ? LifecycleHookValues.Rollback : NormalizeTimeoutAction(settings.HookTimeoutAction);
            merged.Add(new JsonObject
            {
                ["targetType"] = LifecycleHookValues.Pause,
                ["lifecycleStages"] = new JsonArray(stages.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                ["timeoutConfiguration"] = timeout,
            });
            return merged;
        }

        private static void ThrowIfNoAdvancedConfiguration(EcsService service, string strategy)
        {
            if (service.LoadBalancers.Count == 0)
            {
                throw new EcsBlueGreenException(ErrorIds.StrategyNeedsAdvancedConfiguration,
                    $"A {strategy} deployment shifts traffic between two target groups, and {service.ServiceName} has no load balancer. Deploy it with -Strategy Rolling.");
            }

            foreach (var lb in service.LoadBalancers)
            {
                var advanced = lb.AdvancedConfiguration;
                var missing = new List<string>();
                if (string.IsNullOrEmpty(advanced?.AlternateTargetGroupArn)) missing.Add("alternateTargetGroupArn");
                if (string.IsNullOrEmpty(advanced?.ProductionListenerRule)) missing.Add("productionListenerRule");
                if (string.IsNullOrEmpty(advanced?.RoleArn)) missing.Add("roleArn");
                if (missing.Count > 0)
                {
                    throw new EcsBlueGreenException(ErrorIds.StrategyNeedsAdvancedConfiguration,
                        $"A {strategy} deployment needs the load balancer's advancedConfiguration, and target group {lb.TargetGroupArn} of {service.ServiceName} lacks {string.Join(", ", missing)}. Add the alternate target group, the production listener rule and the role to the service (aws ecs update-service --load-balancers ...), or deploy with -Strategy Rolling.");
                }
            }
        }

        private static string NormalizeStrategy(string name)
        {
            var squeezed = name.Replace("_", "").Replace("-", "").Trim();
            foreach (var strategy in new[] { DeploymentStrategies.Rolling, DeploymentStrategies.BlueGreen, DeploymentStrategies.Linear, DeploymentStrategies.Canary })
            {
                if (string.Equals(strategy.Replace("_", ""), squeezed, StringComparison.OrdinalIgnoreCase))
                {
                    return strategy;
                }
            }

            throw Invalid($"-Strategy '{name}' is not a deployment strategy: use Rolling, BlueGreen, Linear or Canary.");
        }

        private static string NormalizeTimeoutAction(string name)
        {
            if (string.Equals(name, LifecycleHookValues.Rollback, StringComparison.OrdinalIgnoreCase)) return LifecycleHookValues.Rollback;
            if (string.Equals(name, LifecycleHookValues.Continue, StringComparison.OrdinalIgnoreCase)) return LifecycleHookValues.Continue;
            throw Invalid($"-HookTimeoutAction '{name}' is not a timeout action: use Rollback or Continue.");
        }

        private static string PauseStage(string name)
        {
            var stage = LifecycleStages.NormalizeHookStage(name);
            if (stage == null)
            {
                throw new EcsBlueGreenException(ErrorIds.InvalidPauseStage,
                    $"-PauseAt '{name}' is not a stage a hook can be attached to: use one of {string.Join(", ", LifecycleStages.Hookable.Where(s => !LifecycleStages.LambdaOnly.Contains(s)).Select(LifecycleStages.ToPascalCase))}.");
            }

            if (LifecycleStages.LambdaOnly.Contains(stage))
            {
                throw new EcsBlueGreenException(ErrorIds.InvalidPauseStage,
                    $"-PauseAt {stage}: ECS runs only Lambda hooks while traffic shifts, never a PAUSE. Pause at {LifecycleStages.ToPascalCase(stage == LifecycleStages.TestTrafficShift ? LifecycleStages.PostTestTrafficShift : LifecycleStages.PreProductionTrafficShift)} instead.");
            }

            return stage;
        }

        private static void CheckRange(string parameter, double? value, double min, double max, string unit)
        {
            if (value.HasValue && (double.IsNaN(value.Value) || value < min || value > max))
            {
                throw Invalid($"{parameter} {value.Value.ToString(CultureInfo.InvariantCulture)} is out of range: ECS takes {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} {unit}.");
            }
        }

        private static EcsBlueGreenException Invalid(string message) => new EcsBlueGreenException(ErrorIds.InvalidStrategySetting, message);

        private static JsonObject ChildObject(JsonObject parent, string name)
        {
            if (!(parent[name] is JsonObject child))
            {
                child = new JsonObject();
                parent[name] = child;
            }

            return child;
        }

        private static string Minutes(JsonNode? node) => node == null ? "none" : $"{node.ToJsonString()} min";

        private static string Linear(JsonObject configuration) =>
            configuration["linearConfiguration"] is JsonObject linear
                ? $"{Percent(linear["stepPercent"])} every {Wait(linear["stepBakeTimeInMinutes"])}"
                : "none";

        private static string Canary(JsonObject configuration) =>
            configuration["canaryConfiguration"] is JsonObject canary
                ? $"{Percent(canary["canaryPercent"])} for {Wait(canary["canaryBakeTimeInMinutes"])}"
                : "none";

        private static string Percent(JsonNode? node) => node == null ? "ECS's default percent" : node.ToJsonString() + "%";

        private static string Wait(JsonNode? node) => node == null ? "ECS's default time" : node.ToJsonString() + " min";

        private static string Hooks(JsonObject configuration)
        {
            var hooks = (configuration["lifecycleHooks"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(hook =>
            {
                var stages = string.Join(",", (hook["lifecycleStages"] as JsonArray ?? new JsonArray()).Select(s => (string?)s));
                var target = (string?)hook["hookTargetArn"];
                var timeout = hook["timeoutConfiguration"] as JsonObject;
                var limit = timeout == null ? "" : $" (timeout {timeout["timeoutInMinutes"]?.ToJsonString() ?? "1440"} min, then {(string?)timeout["action"] ?? LifecycleHookValues.Rollback})";
                return $"{(string?)hook["targetType"]}{(target == null ? "" : " " + target)} at {stages}{limit}";
            }).ToList();
            return hooks.Count == 0 ? "none" : "[" + string.Join("; ", hooks) + "]";
        }
    }
}
