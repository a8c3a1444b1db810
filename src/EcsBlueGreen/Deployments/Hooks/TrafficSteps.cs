using System;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments.Hooks
{
    /// <summary>
    /// Which production step a linear or canary deployment is about to take, told from the weight it has
    /// now: a canary gives canaryPercent then the rest; a linear deployment adds stepPercent each time.
    /// Pure, so a PreProductionTrafficShift check knows "step 2 of 2: 10 % → 100 %" however it is polled.
    /// </summary>
    public static class TrafficSteps
    {
        /// <returns>Null for strategies without production steps (BLUE_GREEN shifts all at once).</returns>
        public static (int Step, int Count, double NextWeight)? Next(DeploymentConfiguration configuration, double currentWeight)
        {
            switch (configuration.Strategy)
            {
                case DeploymentStrategies.Canary:
                    var canary = configuration.CanaryPercent ?? 0;
                    return currentWeight < canary ? (1, 2, canary) : (2, 2, 100.0);
                case DeploymentStrategies.Linear:
                    var step = configuration.LinearStepPercent ?? 0;
                    if (step <= 0)
                    {
                        return null;
                    }

                    var count = (int)Math.Ceiling(Math.Round(100 / step, 6));
                    var done = (int)Math.Round(currentWeight / step, MidpointRounding.AwayFromZero);
                    return (Math.Min(done + 1, count), count, Math.Min(100.0, Math.Round((done + 1) * step, 4)));
                default:
                    return null;
            }
        }
    }
}
