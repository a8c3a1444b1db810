using EcsBlueGreen.Deployments.Hooks;
using EcsBlueGreen.Ecs.Model;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments.Hooks
{
    public class TrafficStepsTests
    {
        private static DeploymentConfiguration Canary(double percent) => new DeploymentConfiguration { Strategy = DeploymentStrategies.Canary, CanaryPercent = percent };

        private static DeploymentConfiguration Linear(double percent) => new DeploymentConfiguration { Strategy = DeploymentStrategies.Linear, LinearStepPercent = percent };

        [Fact]
        public void A_canary_of_10_percent_is_step_1_to_10_then_step_2_to_100()
        {
            Assert.Equal((1, 2, 10.0), TrafficSteps.Next(Canary(10), 0));
            Assert.Equal((2, 2, 100.0), TrafficSteps.Next(Canary(10), 10));
        }

        [Theory]
        [InlineData(0, 1, 25)]
        [InlineData(25, 2, 50)]
        [InlineData(50, 3, 75)]
        [InlineData(75, 4, 100)]
        public void A_linear_25_percent_deployment_takes_four_steps(double weight, int step, double next)
        {
            Assert.Equal((step, 4, next), TrafficSteps.Next(Linear(25), weight));
        }

        [Fact]
        public void A_linear_33_percent_deployment_takes_four_steps_and_the_last_one_ends_at_100()
        {
            Assert.Equal((1, 4, 33.0), TrafficSteps.Next(Linear(33), 0));
            Assert.Equal((2, 4, 66.0), TrafficSteps.Next(Linear(33), 33));
            Assert.Equal((3, 4, 99.0), TrafficSteps.Next(Linear(33), 66));
            Assert.Equal((4, 4, 100.0), TrafficSteps.Next(Linear(33), 99));
        }

        [Theory]
        [InlineData(DeploymentStrategies.BlueGreen)]
        [InlineData("ROLLING")]
        public void Strategies_without_production_steps_have_none(string strategy)
        {
            Assert.Null(TrafficSteps.Next(new DeploymentConfiguration { Strategy = strategy, CanaryPercent = 10, LinearStepPercent = 25 }, 0));
        }
    }
}
