using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Ecs.Model
{
    /// <summary>
    /// The stages of a native (BLUE_GREEN, LINEAR, CANARY) deployment in ECS spelling, in the order
    /// ECS goes through them. PRE_PRODUCTION_TRAFFIC_SHIFT is a hook stage only: ECS reports the
    /// deployment in PRODUCTION_TRAFFIC_SHIFT while such a hook runs.
    /// </summary>
    public static class LifecycleStages
    {
        public const string ReconcileService = "RECONCILE_SERVICE";
        public const string PreScaleUp = "PRE_SCALE_UP";
        public const string ScaleUp = "SCALE_UP";
        public const string PostScaleUp = "POST_SCALE_UP";
        public const string TestTrafficShift = "TEST_TRAFFIC_SHIFT";
        public const string PostTestTrafficShift = "POST_TEST_TRAFFIC_SHIFT";
        public const string PreProductionTrafficShift = "PRE_PRODUCTION_TRAFFIC_SHIFT";
        public const string ProductionTrafficShift = "PRODUCTION_TRAFFIC_SHIFT";
        public const string PostProductionTrafficShift = "POST_PRODUCTION_TRAFFIC_SHIFT";
        public const string BakeTime = "BAKE_TIME";
        public const string CleanUp = "CLEAN_UP";

        /// <summary>Every stage a deployment reports, in order.</summary>
        public static IReadOnlyList<string> Reported { get; } = new[]
        {
            ReconcileService, PreScaleUp, ScaleUp, PostScaleUp, TestTrafficShift, PostTestTrafficShift,
            ProductionTrafficShift, PostProductionTrafficShift, BakeTime, CleanUp,
        };

        /// <summary>The stages a lifecycle hook may be attached to, in order.</summary>
        public static IReadOnlyList<string> Hookable { get; } = new[]
        {
            ReconcileService, PreScaleUp, PostScaleUp, TestTrafficShift, PostTestTrafficShift,
            PreProductionTrafficShift, ProductionTrafficShift, PostProductionTrafficShift,
        };

        /// <summary>Hook stages where ECS refuses a PAUSE hook (Lambda only).</summary>
        public static IReadOnlyList<string> LambdaOnly { get; } = new[] { TestTrafficShift, ProductionTrafficShift };

        /// <summary>
        /// A stage name as a user writes it — ECS spelling (POST_TEST_TRAFFIC_SHIFT) or PowerShell
        /// spelling (PostTestTrafficShift), any case — in ECS spelling; null when it names no hook stage.
        /// </summary>
        public static string? NormalizeHookStage(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }

            var squeezed = name!.Replace("_", "").Replace("-", "").Trim();
            foreach (var stage in Hookable)
            {
                if (string.Equals(stage.Replace("_", ""), squeezed, StringComparison.OrdinalIgnoreCase))
                {
                    return stage;
                }
            }

            return null;
        }

        /// <summary>POST_TEST_TRAFFIC_SHIFT → PostTestTrafficShift, for display and hashtable keys.</summary>
        public static string ToPascalCase(string stage)
        {
            var parts = stage.ToLowerInvariant().Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries);
            var result = new System.Text.StringBuilder();
            foreach (var part in parts)
            {
                result.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1));
            }

            return result.ToString();
        }
    }

    /// <summary>deploymentConfiguration.strategy values.</summary>
    public static class DeploymentStrategies
    {
        public const string Rolling = "ROLLING";
        public const string BlueGreen = "BLUE_GREEN";
        public const string Linear = "LINEAR";
        public const string Canary = "CANARY";

        /// <summary>Strategies that shift traffic between two target groups.</summary>
        public static bool ShiftsTraffic(string? strategy) =>
            strategy == BlueGreen || strategy == Linear || strategy == Canary;
    }

    /// <summary>Lifecycle-hook wire values.</summary>
    public static class LifecycleHookValues
    {
        public const string Pause = "PAUSE";
        public const string Lambda = "AWS_LAMBDA";
        public const string Continue = "CONTINUE";
        public const string Rollback = "ROLLBACK";

        public const string AwaitingAction = "AWAITING_ACTION";
        public const string InProgress = "IN_PROGRESS";
        public const string Succeeded = "SUCCEEDED";
        public const string Failed = "FAILED";
        public const string TimedOut = "TIMED_OUT";
    }
}
