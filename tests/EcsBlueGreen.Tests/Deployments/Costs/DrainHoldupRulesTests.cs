using System;
using EcsBlueGreen.Deployments.Drain;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments.Costs
{
    public class DrainHoldupRulesTests
    {
        private static readonly string[] None = Array.Empty<string>();
        private static readonly (string, string)[] NoStuck = Array.Empty<(string, string)>();

        [Fact]
        public void Overdue_exactly_past_delay_plus_stopTimeout_plus_a_minute()
        {
            var delay = TimeSpan.FromSeconds(300);
            var stop = TimeSpan.FromSeconds(30);
            Assert.Equal(TimeSpan.FromSeconds(390), DrainHoldupRules.Allowance(delay, stop));
            Assert.False(DrainHoldupRules.IsOverdue(TimeSpan.FromSeconds(390), delay, stop));
            Assert.True(DrainHoldupRules.IsOverdue(TimeSpan.FromSeconds(391), delay, stop));
        }

        [Fact]
        public void Protection_comes_first_then_draining_targets_then_stuck_tasks_then_unknown()
        {
            var all = DrainHoldupRules.Explain(new[] { "t1" }, new[] { ("t2", "STOPPING") }, new[] { "10.0.0.1:8080" }, new[] { "t1" }, TimeSpan.FromSeconds(300))!;
            Assert.Equal(DrainHoldupCause.TaskProtection, all.Cause);
            Assert.Equal(new[] { "t1" }, all.Evidence);
            Assert.Equal("1 old task with scale-in protection holds the deployment (task t1): ECS does not stop a protected task; lift it (UpdateTaskProtection -ProtectionEnabled false) or let it expire.", all.Message);

            var draining = DrainHoldupRules.Explain(None, new[] { ("t2", "DEACTIVATING") }, new[] { "10.0.0.1:8080", "10.0.0.2:8080" }, None, TimeSpan.FromSeconds(300))!;
            Assert.Equal(DrainHoldupCause.TargetsStillDraining, draining.Cause);
            Assert.Equal("2 targets still draining beyond the 300 s deregistration delay (10.0.0.1:8080, 10.0.0.2:8080): long-lived connections keep them until the delay ends.", draining.Message);

            var stuck = DrainHoldupRules.Explain(None, new[] { ("t2", "STOPPING"), ("t3", "DEACTIVATING") }, None, None, null)!;
            Assert.Equal(DrainHoldupCause.TasksStuckStopping, stuck.Cause);
            Assert.Equal(new[] { "t2", "t3" }, stuck.Evidence);
            Assert.Equal("2 old tasks stuck stopping (task t2 STOPPING, task t3 DEACTIVATING): the agent has not finished stopping them.", stuck.Message);

            Assert.Equal(DrainHoldupCause.Unknown, DrainHoldupRules.Explain(None, NoStuck, None, new[] { "t9" }, null)!.Cause);
            Assert.Null(DrainHoldupRules.Explain(None, NoStuck, None, None, null));
        }
    }
}
