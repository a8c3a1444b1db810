using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Retries;
using EcsBlueGreen.Tests.AwsSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    /// <summary>The retry policy under CallLimits, on the session's fake clock: no attempt outlives the
    /// deadline, no back-off is started that would end past it, and a connection that keeps being
    /// refused is given up after the window, whatever the configured attempts.</summary>
    public class RetryDeadlineTests
    {
        private const string ServerError = "{\"__type\":\"ServerException\",\"message\":\"Internal error\"}";
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        private sealed class Recorder : IAwsCallObserver
        {
            public List<AwsCallRecord> Records { get; } = new List<AwsCallRecord>();
            public void OnAttempt(AwsCallRecord record) { lock (Records) Records.Add(record); }
        }

        [Fact]
        public async Task A_hanging_attempt_is_cut_at_the_deadline_and_fails_as_a_timeout_without_a_retry()
        {
            var time = new FakeTimeProvider(T0);
            var recorder = new Recorder();
            var handler = new FakeAwsHandler();
            handler.EnqueueAsync(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; });
            using var session = Sessions.WithHandler(handler, recorder, maxAttempts: 5, time: time);

            Task<IReadOnlyList<string>> call;
            using (CallLimits.Apply(new CallLimits(T0.AddSeconds(5))))
            {
                call = session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            }

            await WaitUntil(() => handler.Requests.Count == 1);
            time.Advance(TimeSpan.FromSeconds(5));
            var error = await Assert.ThrowsAsync<AwsTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Equal("ECS ListClusters timed out after 5 s.", error.Message);
            Assert.False(error.EndpointUnreachable);
            var attempt = Assert.Single(recorder.Records);
            Assert.Equal(TimeSpan.FromSeconds(5), attempt.Duration);
            Assert.Null(attempt.RetryDelay);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task No_back_off_is_started_that_would_end_at_or_after_the_deadline()
        {
            var time = new FakeTimeProvider(T0);
            var recorder = new Recorder();
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json(HttpStatusCode.InternalServerError, ServerError) };
            using var session = Sessions.WithHandler(handler, recorder, maxAttempts: 10, time: time, jitter: () => 1.0);

            Task<IReadOnlyList<string>> call;
            using (CallLimits.Apply(new CallLimits(T0.AddSeconds(5))))
            {
                call = session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            }

            // Back-offs of 1 s and 2 s fit before the deadline; the third (4 s, from 3 s) would end at 7 s.
            await WaitUntil(() => handler.Requests.Count == 1);
            time.Advance(TimeSpan.FromSeconds(1));
            await WaitUntil(() => handler.Requests.Count == 2);
            time.Advance(TimeSpan.FromSeconds(2));
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Equal(500, error.StatusCode);
            Assert.Equal(3, handler.Requests.Count);
            Assert.Equal(new TimeSpan?[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), null }, recorder.Records.Select(r => r.RetryDelay).ToArray());
            Assert.Equal(T0.AddSeconds(3), time.GetUtcNow());
        }

        [Fact]
        public async Task Refused_connections_are_given_up_after_the_window_even_with_twenty_attempts_allowed()
        {
            var time = new FakeTimeProvider(T0);
            var recorder = new Recorder();
            var handler = new FakeAwsHandler { Default = _ => throw new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused)) };
            using var session = Sessions.WithHandler(handler, recorder, maxAttempts: 20, time: time, jitter: () => 1.0);

            Task<IReadOnlyList<string>> call;
            using (CallLimits.Apply(new CallLimits(T0.AddMinutes(30), unreachableRetryWindow: TimeSpan.FromSeconds(15))))
            {
                call = session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            }

            // Attempts at 0, 1, 3, 7 and 15 s; the next back-off (16 s) would retry 31 s after the first refusal.
            var delays = new[] { 1, 2, 4, 8 };
            for (var i = 0; i < delays.Length; i++)
            {
                await WaitUntil(() => handler.Requests.Count == i + 1);
                time.Advance(TimeSpan.FromSeconds(delays[i]));
            }

            var error = await Assert.ThrowsAsync<AwsTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.True(error.EndpointUnreachable);
            Assert.False(error.OutcomeUnknown);
            Assert.Equal(new Uri("http://127.0.0.1:9/"), error.Endpoint);
            Assert.Equal(5, handler.Requests.Count);
            Assert.Equal(new TimeSpan?[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), null },
                recorder.Records.Select(r => r.RetryDelay).ToArray());
            Assert.Equal(T0.AddSeconds(15), time.GetUtcNow());
        }

        [Fact]
        public async Task An_attempt_the_deadline_cuts_after_a_refusal_reports_the_refusal()
        {
            var time = new FakeTimeProvider(T0);
            var handler = new FakeAwsHandler()
                .EnqueueThrow(new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused)))
                .EnqueueAsync(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; });
            using var session = Sessions.WithHandler(handler, maxAttempts: 5, time: time, jitter: () => 1.0);

            Task<IReadOnlyList<string>> call;
            using (CallLimits.Apply(new CallLimits(T0.AddSeconds(5))))
            {
                call = session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            }

            await WaitUntil(() => handler.Requests.Count == 1);
            time.Advance(TimeSpan.FromSeconds(1));           // the back-off; attempt 2 is accepted and hangs
            await WaitUntil(() => handler.Requests.Count == 2);
            time.Advance(TimeSpan.FromSeconds(4));           // the deadline cuts it
            var error = await Assert.ThrowsAsync<AwsTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.True(error.EndpointUnreachable);
            Assert.Equal("ECS ListClusters: Connection refused (127.0.0.1:9)", error.Message);
            Assert.Equal(2, handler.Requests.Count);
        }

        private static async Task WaitUntil(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException();
                await Task.Delay(5);
            }
        }
    }
}
