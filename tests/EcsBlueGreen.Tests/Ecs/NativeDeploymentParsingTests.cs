using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using Xunit;

namespace EcsBlueGreen.Tests.Ecs
{
    /// <summary>The native-strategy members of Service and ServiceDeployment (ECS model shapes) reach the read models.</summary>
    public class NativeDeploymentParsingTests
    {
        [Fact]
        public void ServiceDeploymentCarriesStageWeightsHooksAndConfiguration()
        {
            var json = JsonNode.Parse(@"{
              ""serviceDeploymentArn"": ""arn:sd"", ""status"": ""IN_PROGRESS"", ""lifecycleStage"": ""POST_TEST_TRAFFIC_SHIFT"",
              ""targetServiceRevision"": { ""arn"": ""arn:green"", ""requestedTaskCount"": 2, ""runningTaskCount"": 2, ""pendingTaskCount"": 0,
                                          ""requestedTestTrafficWeight"": 100.0, ""requestedProductionTrafficWeight"": 0.0 },
              ""sourceServiceRevisions"": [ { ""arn"": ""arn:blue"", ""requestedProductionTrafficWeight"": 100.0, ""requestedTestTrafficWeight"": 0 } ],
              ""lifecycleHookDetails"": [ { ""hookId"": ""h-1"", ""targetType"": ""PAUSE"", ""status"": ""AWAITING_ACTION"",
                                           ""expiresAt"": 1767225600, ""timeoutAction"": ""ROLLBACK"" } ],
              ""deploymentConfiguration"": { ""strategy"": ""CANARY"", ""bakeTimeInMinutes"": 1,
                  ""canaryConfiguration"": { ""canaryPercent"": 10.0, ""canaryBakeTimeInMinutes"": 2 },
                  ""lifecycleHooks"": [ { ""targetType"": ""AWS_LAMBDA"", ""hookTargetArn"": ""arn:fn"", ""lifecycleStages"": [""PRE_SCALE_UP""],
                                          ""hookDetails"": { ""k"": 1 }, ""timeoutConfiguration"": { ""timeoutInMinutes"": 5, ""action"": ""CONTINUE"" } } ] }
            }")!.AsObject();

            var deployment = ServiceDeploymentParser.Full(json);

            Assert.Equal(LifecycleStages.PostTestTrafficShift, deployment.LifecycleStage);
            Assert.Equal(100.0, deployment.TargetTestTrafficWeight);
            Assert.Equal(0.0, deployment.TargetProductionTrafficWeight);
            Assert.Equal(100.0, deployment.SourceServiceRevisions.Single().RequestedProductionTrafficWeight);
            Assert.Equal(new[] { "arn:blue" }, deployment.SourceServiceRevisionArns);
            var hook = deployment.LifecycleHookDetails.Single();
            Assert.Equal(("h-1", true, true, "ROLLBACK"), (hook.HookId, hook.IsPause, hook.IsAwaitingAction, hook.TimeoutAction));
            Assert.Equal(1767225600L, hook.ExpiresAt!.Value.ToUnixTimeSeconds());
            var configuration = deployment.DeploymentConfiguration!;
            Assert.Equal((DeploymentStrategies.Canary, (int?)1, (double?)10.0, (int?)2), (configuration.Strategy, configuration.BakeTimeInMinutes, configuration.CanaryPercent, configuration.CanaryBakeTimeInMinutes));
            var lambda = configuration.LifecycleHooks.Single();
            Assert.Equal(("arn:fn", (int?)5, "CONTINUE"), (lambda.HookTargetArn, lambda.TimeoutInMinutes, lambda.TimeoutAction));
            Assert.Equal(1, configuration.Raw!["lifecycleHooks"]![0]!["hookDetails"]!["k"]!.GetValue<int>());
        }

        [Fact]
        public void ServiceLoadBalancerCarriesAdvancedConfiguration()
        {
            var json = JsonNode.Parse(@"{ ""serviceName"": ""s"", ""loadBalancers"": [ { ""targetGroupArn"": ""arn:tg-blue"",
                ""advancedConfiguration"": { ""alternateTargetGroupArn"": ""arn:tg-green"", ""productionListenerRule"": ""arn:rule-prod"",
                                             ""testListenerRule"": ""arn:rule-test"", ""roleArn"": ""arn:role"" } } ] }")!.AsObject();

            var advanced = EcsServiceParser.Service(json).LoadBalancers.Single().AdvancedConfiguration!;

            Assert.Equal(("arn:tg-green", "arn:rule-prod", "arn:rule-test", "arn:role"),
                (advanced.AlternateTargetGroupArn, advanced.ProductionListenerRule, advanced.TestListenerRule, advanced.RoleArn));
        }

        [Theory]
        [InlineData("PostTestTrafficShift", "POST_TEST_TRAFFIC_SHIFT")]
        [InlineData("post_test_traffic_shift", "POST_TEST_TRAFFIC_SHIFT")]
        [InlineData("PreProductionTrafficShift", "PRE_PRODUCTION_TRAFFIC_SHIFT")]
        [InlineData("BakeTime", null)]
        [InlineData("Nonsense", null)]
        public void HookStageNamesAreReadInEitherSpelling(string written, string? expected) =>
            Assert.Equal(expected, LifecycleStages.NormalizeHookStage(written));

        [Fact]
        public void StageNamesConvertToPascalCase() =>
            Assert.Equal("PostProductionTrafficShift", LifecycleStages.ToPascalCase(LifecycleStages.PostProductionTrafficShift));
    }
}
