using System;
using EcsBlueGreen.Deployments.Costs;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Elb;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments.Drain
{
    /// <summary>
    /// Turns on the watcher's drain and cost observation: where each deployment's ELBv2 client comes
    /// from, the prices to use, and how long a verdict may wait for the replaced tasks to reach STOPPED
    /// (the window closes at the last old task's stop).
    /// </summary>
    public sealed class DrainObservation
    {
        public DrainObservation(Func<EcsDeployment, IElbApi> elbFor, PriceTable pricing)
        {
            ElbFor = elbFor;
            Pricing = pricing;
        }

        public Func<EcsDeployment, IElbApi> ElbFor { get; }

        public PriceTable Pricing { get; }

        /// <summary>After ECS reports completion, how long to sample the replaced tasks until all are STOPPED.</summary>
        public TimeSpan WindowCloseTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>
        /// How many deployments of one wait get the drain phase and the cost window. Both cost calls
        /// beyond the wait's own (target health each poll, the tasks at the end): ELBv2's Describe calls
        /// share one small bucket per account and region (40 at once, 10 a second), so a fleet wait
        /// follows its first ones and keeps the rest to the calls the verdict needs.
        /// </summary>
        public int DeploymentLimit { get; set; } = 10;

        private int _created;

        /// <summary>The observer of one deployment, or null once the wait has <see cref="DeploymentLimit"/> of them.</summary>
        internal DrainObserver? Create(EcsDeployment deployment, IEcsApi ecs, IReporter reporter, TimeProvider clock, int progressId, TimeSpan pollInterval)
        {
            if (System.Threading.Interlocked.Increment(ref _created) > DeploymentLimit)
            {
                return null;
            }

            return new DrainObserver(deployment, ecs, ElbFor(deployment), Pricing, reporter, clock, progressId, pollInterval, WindowCloseTimeout);
        }
    }
}
