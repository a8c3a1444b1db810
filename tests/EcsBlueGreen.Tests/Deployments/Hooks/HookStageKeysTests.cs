using EcsBlueGreen.Deployments.Hooks;
using EcsBlueGreen.Errors;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments.Hooks
{
    public class HookStageKeysTests
    {
        [Theory]
        [InlineData("PostTestTrafficShift")]
        [InlineData("post_test_traffic_shift")]
        [InlineData("POST_TEST_TRAFFIC_SHIFT")]
        public void PowerShell_and_ECS_spellings_in_any_case_name_the_ECS_stage(string key)
        {
            Assert.Equal(new[] { "POST_TEST_TRAFFIC_SHIFT" }, HookStageKeys.Normalize(new[] { key }));
        }

        [Fact]
        public void Several_stages_keep_the_order_given()
        {
            Assert.Equal(new[] { "PRE_PRODUCTION_TRAFFIC_SHIFT", "POST_SCALE_UP" }, HookStageKeys.Normalize(new[] { "PreProductionTrafficShift", "post_scale_up" }));
        }

        [Theory]
        [InlineData("TestTrafficShift", "TEST_TRAFFIC_SHIFT")]
        [InlineData("ProductionTrafficShift", "PRODUCTION_TRAFFIC_SHIFT")]
        public void A_stage_that_takes_no_PAUSE_hook_is_an_invalid_hook(string key, string stage)
        {
            var error = Assert.Throws<EcsBlueGreenException>(() => HookStageKeys.Normalize(new[] { key }));
            Assert.Equal(ErrorIds.InvalidHook.Id, error.ErrorId);
            Assert.Contains($"ECS takes no PAUSE hook at {stage}", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_key_that_names_no_stage_is_an_invalid_hook()
        {
            var error = Assert.Throws<EcsBlueGreenException>(() => HookStageKeys.Normalize(new[] { "Lunch" }));
            Assert.Equal(ErrorIds.InvalidHook.Id, error.ErrorId);
            Assert.Contains("'Lunch' names no lifecycle hook stage", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Two_spellings_of_one_stage_are_an_invalid_hook()
        {
            var error = Assert.Throws<EcsBlueGreenException>(() => HookStageKeys.Normalize(new[] { "PostTestTrafficShift", "post_test_traffic_shift" }));
            Assert.Equal(ErrorIds.InvalidHook.Id, error.ErrorId);
            Assert.Contains("POST_TEST_TRAFFIC_SHIFT twice", error.Message, System.StringComparison.Ordinal);
        }
    }
}
