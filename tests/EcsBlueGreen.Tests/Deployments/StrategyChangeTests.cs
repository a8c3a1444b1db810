using System.Text.Json.Nodes;
using EcsBlueGreen;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments
{
    public class StrategyChangeTests
    {
        private const string Advanced = @"""advancedConfiguration"":{""alternateTargetGroupArn"":""arn:tg/green"",""productionListenerRule"":""arn:rule/prod"",""roleArn"":""arn:role/ecs""}";

        private static EcsService Service(string configuration, bool advanced = true) =>
            EcsServiceParser.Service(JsonNode.Parse(
                @"{""serviceName"":""web"",""deploymentConfiguration"":" + configuration +
                @",""loadBalancers"":[{""targetGroupArn"":""arn:tg/blue""" + (advanced ? "," + Advanced : "") + "}]}")!.AsObject());

        private static string Json(StrategyChange change) => change.Configuration.ToJsonString();

        [Fact]
        public void Canary_with_pause_keeps_the_lambda_hook_and_its_hook_details_and_adds_one_pause_hook()
        {
            var service = Service(@"{""strategy"":""BLUE_GREEN"",""bakeTimeInMinutes"":1,""maximumPercent"":200,""lifecycleHooks"":[{""targetType"":""AWS_LAMBDA"",""hookTargetArn"":""arn:lambda:smoke"",""roleArn"":""arn:role/hook"",""lifecycleStages"":[""POST_SCALE_UP""],""hookDetails"":{""url"":""/health"",""n"":[1,2]}}]}");
            var change = StrategyChange.For(service, new StrategySettings
            {
                Strategy = "Canary", CanaryPercent = 12.5, CanaryBakeTimeInMinutes = 3, BakeTimeInMinutes = 2,
                PauseAt = new[] { "PreProductionTrafficShift", "post_test_traffic_shift" }, HookTimeoutInMinutes = 30,
            });

            Assert.Equal(
                @"{""strategy"":""CANARY"",""bakeTimeInMinutes"":2,""maximumPercent"":200,""lifecycleHooks"":[" +
                @"{""targetType"":""AWS_LAMBDA"",""hookTargetArn"":""arn:lambda:smoke"",""roleArn"":""arn:role/hook"",""lifecycleStages"":[""POST_SCALE_UP""],""hookDetails"":{""url"":""/health"",""n"":[1,2]}}," +
                @"{""targetType"":""PAUSE"",""lifecycleStages"":[""POST_TEST_TRAFFIC_SHIFT"",""PRE_PRODUCTION_TRAFFIC_SHIFT""],""timeoutConfiguration"":{""timeoutInMinutes"":30,""action"":""ROLLBACK""}}]," +
                @"""canaryConfiguration"":{""canaryPercent"":12.5,""canaryBakeTimeInMinutes"":3}}",
                Json(change));
            Assert.Equal("BLUE_GREEN", change.StrategyBefore);
            Assert.Equal("CANARY", change.Strategy);
            Assert.Equal(new[]
            {
                "  strategy: BLUE_GREEN -> CANARY",
                "  bake time: 1 min -> 2 min",
                "  canary: none -> 12.5% for 3 min",
                "  lifecycle hooks: [AWS_LAMBDA arn:lambda:smoke at POST_SCALE_UP] -> [AWS_LAMBDA arn:lambda:smoke at POST_SCALE_UP; PAUSE at POST_TEST_TRAFFIC_SHIFT,PRE_PRODUCTION_TRAFFIC_SHIFT (timeout 30 min, then ROLLBACK)]",
            }, change.DescriptionLines);
        }

        [Fact]
        public void A_stage_an_existing_pause_hook_covers_moves_to_the_new_hook_so_it_is_not_paused_twice()
        {
            var service = Service(@"{""strategy"":""LINEAR"",""lifecycleHooks"":[{""targetType"":""PAUSE"",""lifecycleStages"":[""POST_SCALE_UP"",""POST_TEST_TRAFFIC_SHIFT""]}],""linearConfiguration"":{""stepPercent"":25.0,""stepBakeTimeInMinutes"":1}}");
            var change = StrategyChange.For(service, new StrategySettings
            {
                StepPercent = 50, PauseAt = new[] { "PostTestTrafficShift" }, HookTimeoutAction = "Continue",
            });

            Assert.Equal(
                @"{""strategy"":""LINEAR"",""lifecycleHooks"":[{""targetType"":""PAUSE"",""lifecycleStages"":[""POST_SCALE_UP""]}," +
                @"{""targetType"":""PAUSE"",""lifecycleStages"":[""POST_TEST_TRAFFIC_SHIFT""],""timeoutConfiguration"":{""action"":""CONTINUE""}}]," +
                @"""linearConfiguration"":{""stepPercent"":50,""stepBakeTimeInMinutes"":1}}",
                Json(change));
            Assert.Contains("  linear step: 25.0% every 1 min -> 50% every 1 min", change.DescriptionLines);
        }

        [Fact]
        public void Switching_a_rolling_service_to_blue_green_writes_strategy_and_bake_and_keeps_the_rest()
        {
            var service = Service(@"{""minimumHealthyPercent"":100,""deploymentCircuitBreaker"":{""enable"":true,""rollback"":true}}");
            var change = StrategyChange.For(service, new StrategySettings { Strategy = "BlueGreen", BakeTimeInMinutes = 0 });
            Assert.Equal(@"{""minimumHealthyPercent"":100,""deploymentCircuitBreaker"":{""enable"":true,""rollback"":true},""strategy"":""BLUE_GREEN"",""bakeTimeInMinutes"":0}", Json(change));
            Assert.Equal("ROLLING", change.StrategyBefore);
        }

        [Fact]
        public void A_traffic_shifting_strategy_without_advanced_configuration_names_what_is_missing()
        {
            const string missing = "alternateTargetGroupArn, productionListenerRule, roleArn";
            var service = Service(@"{""strategy"":""ROLLING""}", advanced: false);
            var ex = Assert.Throws<EcsBlueGreenException>(() => StrategyChange.For(service, new StrategySettings { Strategy = "Canary" }));
            Assert.Equal("StrategyNeedsAdvancedConfiguration", ex.Error.Id);
            Assert.Contains("target group arn:tg/blue of web lacks " + missing + ".", ex.Message);
        }

        [Theory]
        [InlineData("Linear", null, 2.9, null, null)]
        [InlineData("Linear", null, 100.1, null, null)]
        [InlineData("Canary", null, null, 0.09, null)]
        [InlineData("Canary", null, null, 100.5, null)]
        [InlineData("BlueGreen", 1441, null, null, null)]
        [InlineData("BlueGreen", -1, null, null, null)]
        [InlineData("BlueGreen", 1, null, null, 0)]
        [InlineData("BlueGreen", 1, null, null, 20161)]
        public void Out_of_range_values_are_refused(string strategy, int? bake, double? step, double? canary, int? hookTimeout)
        {
            var settings = new StrategySettings
            {
                Strategy = strategy, BakeTimeInMinutes = bake, StepPercent = step, CanaryPercent = canary, HookTimeoutInMinutes = hookTimeout,
                PauseAt = hookTimeout == null ? System.Array.Empty<string>() : new[] { "PostScaleUp" },
            };
            var ex = Assert.Throws<EcsBlueGreenException>(() => StrategyChange.Validate(settings));
            Assert.Equal("InvalidStrategySetting", ex.Error.Id);
            Assert.Contains("is out of range", ex.Message);
        }

        [Fact]
        public void The_range_limits_themselves_are_accepted()
        {
            StrategyChange.Validate(new StrategySettings { StepPercent = 3, CanaryPercent = 0.1, BakeTimeInMinutes = 1440, StepBakeTimeInMinutes = 0, CanaryBakeTimeInMinutes = 1440, HookTimeoutInMinutes = 20160, PauseAt = new[] { "PostScaleUp" } });
            StrategyChange.Validate(new StrategySettings { StepPercent = 100, CanaryPercent = 100, HookTimeoutInMinutes = 1, PauseAt = new[] { "POST_SCALE_UP" } });
        }

        [Theory]
        [InlineData("Canary", 25.0, null, "-StepPercent and -StepBakeTime set the steps of a LINEAR deployment; this one is CANARY.")]
        [InlineData("Linear", null, 10.0, "-CanaryPercent and -CanaryBakeTime set the canary of a CANARY deployment; this one is LINEAR.")]
        [InlineData(null, null, 10.0, "-CanaryPercent and -CanaryBakeTime set the canary of a CANARY deployment; this one is BLUE_GREEN.")]
        public void Step_and_canary_settings_need_their_strategy(string? strategy, double? step, double? canary, string expected)
        {
            var service = Service(@"{""strategy"":""BLUE_GREEN"",""bakeTimeInMinutes"":1}");
            var ex = Assert.Throws<EcsBlueGreenException>(() => StrategyChange.For(service, new StrategySettings { Strategy = strategy, StepPercent = step, CanaryPercent = canary }));
            Assert.Equal("InvalidStrategySetting", ex.Error.Id);
            Assert.StartsWith(expected, ex.Message);
        }

        [Fact]
        public void Pause_or_bake_on_a_rolling_deployment_is_refused()
        {
            var service = Service(@"{""strategy"":""ROLLING""}", advanced: false);
            var pause = Assert.Throws<EcsBlueGreenException>(() => StrategyChange.For(service, new StrategySettings { PauseAt = new[] { "PostScaleUp" } }));
            Assert.Equal("InvalidStrategySetting", pause.Error.Id);
            Assert.StartsWith("-BakeTime and -PauseAt need a traffic-shifting deployment (BlueGreen, Linear or Canary); this one is ROLLING.", pause.Message);
            var bake = Assert.Throws<EcsBlueGreenException>(() => StrategyChange.For(Service(@"{""strategy"":""BLUE_GREEN"",""bakeTimeInMinutes"":1}"), new StrategySettings { Strategy = "Rolling", BakeTimeInMinutes = 3 }));
            Assert.Equal("InvalidStrategySetting", bake.Error.Id);
        }

        [Fact]
        public void Blue_green_without_any_bake_time_is_refused()
        {
            var ex = Assert.Throws<EcsBlueGreenException>(() => StrategyChange.For(Service(@"{}"), new StrategySettings { Strategy = "BlueGreen" }));
            Assert.Equal("InvalidStrategySetting", ex.Error.Id);
            Assert.Contains("pass -BakeTime <minutes>", ex.Message);
        }

        [Theory]
        [InlineData("TestTrafficShift", "-PauseAt TEST_TRAFFIC_SHIFT: ECS runs only Lambda hooks while traffic shifts, never a PAUSE. Pause at PostTestTrafficShift instead.")]
        [InlineData("PRODUCTION_TRAFFIC_SHIFT", "-PauseAt PRODUCTION_TRAFFIC_SHIFT: ECS runs only Lambda hooks while traffic shifts, never a PAUSE. Pause at PreProductionTrafficShift instead.")]
        [InlineData("ScaleUp", "-PauseAt 'ScaleUp' is not a stage a hook can be attached to: use one of ReconcileService, PreScaleUp, PostScaleUp, PostTestTrafficShift, PreProductionTrafficShift, PostProductionTrafficShift.")]
        public void Pause_at_a_lambda_only_or_unknown_stage_is_refused(string stage, string expected)
        {
            var ex = Assert.Throws<EcsBlueGreenException>(() => StrategyChange.Validate(new StrategySettings { PauseAt = new[] { stage } }));
            Assert.Equal("InvalidPauseStage", ex.Error.Id);
            Assert.Equal(expected, ex.Message);
        }

        [Fact]
        public void Hook_timeout_without_pause_at_is_refused()
        {
            var ex = Assert.Throws<EcsBlueGreenException>(() => StrategyChange.Validate(new StrategySettings { HookTimeoutInMinutes = 5 }));
            Assert.Equal("InvalidStrategySetting", ex.Error.Id);
        }
    }
}
