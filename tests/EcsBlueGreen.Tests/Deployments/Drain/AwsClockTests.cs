using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments.Drain;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Tests.AwsSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments.Drain
{
    /// <summary>
    /// The overdue-drain call-out measures time on AWS's clock (the Date of ECS's last answer plus the
    /// local time since), the clock of the deregistration event it starts from: a local clock ten
    /// minutes off neither fires it early nor holds it back.
    /// </summary>
    public class AwsClockTests
    {
        private static readonly DateTimeOffset LocalT0 = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

        [Fact]
        public void The_estimate_is_the_last_server_date_plus_the_local_time_since_it_arrived()
        {
            var server = LocalT0.AddMinutes(10);
            Assert.Equal(server, AwsServerClock.Estimate(server, LocalT0, LocalT0));
            Assert.Equal(server.AddSeconds(42), AwsServerClock.Estimate(server, LocalT0, LocalT0.AddSeconds(42)));
            Assert.Equal(server, AwsServerClock.Estimate(server, LocalT0, LocalT0.AddSeconds(-3))); // a local clock stepped back never runs AWS's back
        }

        [Theory]
        [InlineData(-600)] // local clock 10 minutes behind AWS: on the local clock the drain would never look overdue in time
        [InlineData(600)]  // 10 minutes ahead: on the local clock it would look overdue at once
        [InlineData(0)]
        public void A_skewed_local_clock_moves_the_call_out_neither_way(int skewSeconds)
        {
            var local = new FakeTimeProvider(LocalT0);
            var clock = new AwsServerClock(local);
            Assert.Null(clock.Now);

            var drainStart = LocalT0.AddSeconds(-skewSeconds); // ECS's deregistration event, on AWS's clock
            clock.Observe(drainStart);                          // an answer dated at that moment arrives now
            local.Advance(TimeSpan.FromSeconds(120));           // exactly delay + stopTimeout + 60 s later
            Assert.Equal(drainStart.AddSeconds(120), clock.Now);
            Assert.False(DrainHoldupRules.IsOverdue(drainStart, clock.Now!.Value, Delay, StopTimeout));
            local.Advance(TimeSpan.FromSeconds(1));
            Assert.True(DrainHoldupRules.IsOverdue(drainStart, clock.Now!.Value, Delay, StopTimeout));

            // On the local clock alone the call-out would have fired at +0 s (ahead) or at +720 s (behind).
            Assert.Equal(skewSeconds > 0, DrainHoldupRules.IsOverdue(drainStart, LocalT0, Delay, StopTimeout));
        }

        [Fact]
        public void A_later_answer_resets_the_estimate_to_its_date()
        {
            var local = new FakeTimeProvider(LocalT0);
            var clock = new AwsServerClock(local);
            clock.Observe(LocalT0.AddMinutes(5));
            local.Advance(TimeSpan.FromSeconds(2));
            // A simulator whose clock runs 60 times the wall's: the next answer is 2 min later on its clock.
            clock.Observe(LocalT0.AddMinutes(7));
            local.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(LocalT0.AddMinutes(7).AddSeconds(1), clock.Now);
        }

        [Fact]
        public async Task The_ECS_client_tells_AWS_time_from_the_Date_header_of_its_last_answer()
        {
            var local = new FakeTimeProvider(LocalT0) { AutoAdvanceAmount = TimeSpan.Zero };
            var handler = new FakeAwsHandler();
            handler.EnqueueJson(HttpStatusCode.OK, "{\"clusterArns\":[]}", ("Date", "Fri, 27 Nov 2026 12:10:00 GMT"));
            using var session = Sessions.WithHandler(handler, time: local);
            var ecs = session.CreateEcsClient();
            var time = Assert.IsAssignableFrom<IAwsServerTime>(ecs);
            Assert.Null(time.AwsNow);

            await ecs.ListClustersAsync(CancellationToken.None);
            local.Advance(TimeSpan.FromSeconds(30));

            Assert.Equal(new DateTimeOffset(2026, 11, 27, 12, 10, 30, TimeSpan.Zero), time.AwsNow);
        }
    }
}
