using System;
using EcsBlueGreen.Deployments.Costs;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments.Costs
{
    public class WindowCalculatorTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.Zero);

        private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

        [Fact]
        public void Two_for_two_splits_into_starting_overlap_and_draining_exactly()
        {
            // Old tasks run throughout and stop at 80 s and 90 s; new ones pull from 0 s and 5 s.
            // Old stops began at 40 s, old targets were deregistered at 45 s.
            var spans = new[]
            {
                new TaskSpan("n1", true, At(0), null),
                new TaskSpan("n2", true, At(5), null),
                new TaskSpan("o1", false, At(-3600), At(80)),
                new TaskSpan("o2", false, At(-3600), At(90)),
            };

            var w = WindowCalculator.Compute(spans, 2, At(40), At(45))!;

            Assert.Equal(At(0), w.Start);
            Assert.Equal(At(90), w.End);
            // 0-5: 1 extra; 5-40: 2 extra.
            Assert.Equal(5 + 70, w.StartingTaskSeconds);
            // 40-45: 2 extra.
            Assert.Equal(10, w.HealthyOverlapTaskSeconds);
            // 45-80: 2 extra; 80-90: 1 extra.
            Assert.Equal(70 + 10, w.DrainingTaskSeconds);
            Assert.Equal(165, w.ExtraTaskSeconds);
        }

        [Fact]
        public void A_failed_new_task_counts_while_it_lived_and_never_below_the_desired_count()
        {
            var spans = new[]
            {
                new TaskSpan("n1", true, At(0), At(10)),
                new TaskSpan("n2", true, At(20), null),
                new TaskSpan("o1", false, At(-60), At(50)),
            };

            var w = WindowCalculator.Compute(spans, 1, At(30), At(30))!;

            Assert.Equal(10 + 10, w.StartingTaskSeconds);
            Assert.Equal(0, w.HealthyOverlapTaskSeconds);
            Assert.Equal(20, w.DrainingTaskSeconds);
            Assert.Equal(40, w.ExtraTaskSeconds);
        }

        [Fact]
        public void No_window_while_an_old_task_has_not_stopped_or_without_new_tasks()
        {
            Assert.Null(WindowCalculator.Compute(new[] { new TaskSpan("n", true, At(0), null), new TaskSpan("o", false, At(-5), null) }, 1, null, null));
            Assert.Null(WindowCalculator.Compute(new[] { new TaskSpan("o", false, At(-5), At(5)) }, 1, null, null));
        }

        [Fact]
        public void Without_phase_events_everything_is_starting()
        {
            var spans = new[] { new TaskSpan("n", true, At(0), null), new TaskSpan("o", false, At(-5), At(12)) };
            var w = WindowCalculator.Compute(spans, 1, null, null)!;
            Assert.Equal(12, w.StartingTaskSeconds);
            Assert.Equal(12, w.ExtraTaskSeconds);
            Assert.Equal(0, w.DrainingTaskSeconds);
        }
    }
}
