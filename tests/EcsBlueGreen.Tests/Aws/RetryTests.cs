using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Retries;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Tests.AwsSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    public class RetryTests
    {
        private const string ServerError = "{\"__type\":\"ServerException\",\"message\":\"Internal error\"}";
        private const string Throttled = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";

        private sealed class Recorder : IAwsCallObserver
        {
            public List<AwsCallRecord> Records { get; } = new List<AwsCallRecord>();
            public void OnAttempt(AwsCallRecord record) { lock (Records) Records.Add(record); }
        }

        [Fact]
        public async Task Server_errors_are_tried_three_times_by_default()
        {
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json(HttpStatusCode.InternalServerError, ServerError) };
            var recorder = new Recorder();
            using var session = Sessions.WithHandler(handler, recorder);

            var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));

            Assert.Equal("ServerException", error.ErrorCode);
            Assert.Equal(3, handler.Requests.Count);
            Assert.Equal(new[] { 1, 2, 3 }, recorder.Records.Select(r => r.Attempt));
            Assert.NotNull(recorder.Records[0].RetryDelay);
            Assert.Null(recorder.Records[2].RetryDelay);
        }

        [Fact]
        public async Task Throttling_is_retried_and_then_succeeds()
        {
            var handler = new FakeAwsHandler()
                .EnqueueJson(HttpStatusCode.BadRequest, Throttled)
                .EnqueueJson(HttpStatusCode.OK, "{\"clusterArns\":[\"arn:aws:ecs:eu-west-2:1:cluster/a\"]}");
            using var session = Sessions.WithHandler(handler);

            var clusters = await session.CreateEcsClient().ListClustersAsync(CancellationToken.None);

            Assert.Single(clusters);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Theory]
        [InlineData("ClientException")]
        [InlineData("InvalidParameterException")]
        [InlineData("ServiceNotFoundException")]
        [InlineData("AccessDeniedException")]
        public async Task Client_errors_are_not_retried(string code)
        {
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json(HttpStatusCode.BadRequest, "{\"__type\":\"" + code + "\"}") };
            using var session = Sessions.WithHandler(handler);
            await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Max_attempts_is_configurable()
        {
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json(HttpStatusCode.ServiceUnavailable, ServerError) };
            using (var one = Sessions.WithHandler(handler, maxAttempts: 1))
            {
                await Assert.ThrowsAsync<AwsServiceException>(() => one.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            }

            Assert.Single(handler.Requests);
            using (var five = Sessions.WithHandler(handler, maxAttempts: 5))
            {
                await Assert.ThrowsAsync<AwsServiceException>(() => five.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            }

            Assert.Equal(6, handler.Requests.Count);
        }

        [Fact]
        public async Task Connection_refused_is_retried_as_never_sent()
        {
            var handler = new FakeAwsHandler()
                .EnqueueThrow(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))
                .EnqueueJson(HttpStatusCode.OK, "{\"clusterArns\":[]}");
            using var session = Sessions.WithHandler(handler);
            await session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task Connection_failures_past_the_last_attempt_surface_as_transport_errors()
        {
            var handler = new FakeAwsHandler { Default = _ => throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)) };
            using var session = Sessions.WithHandler(handler);
            var error = await Assert.ThrowsAsync<AwsTransportException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.False(error.OutcomeUnknown);
            Assert.Equal(3, handler.Requests.Count);
        }

        [Theory]
        [InlineData(0, 1000)]
        [InlineData(1, 2000)]
        [InlineData(2, 4000)]
        [InlineData(4, 16000)]
        [InlineData(5, 20000)]
        [InlineData(30, 20000)]
        public void Backoff_is_exponential_and_capped_at_twenty_seconds(int retryIndex, double ceilingMs)
        {
            var options = new RetryOptions();
            Assert.Equal(ceilingMs, Backoff.Delay(retryIndex, options, () => 1.0).TotalMilliseconds, 3);
            Assert.Equal(ceilingMs / 2, Backoff.Delay(retryIndex, options, () => 0.5).TotalMilliseconds, 3);
            Assert.Equal(0, Backoff.Delay(retryIndex, options, () => 0.0).TotalMilliseconds);
        }

        [Fact]
        public async Task Backoff_waits_on_the_session_clock()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var handler = new FakeAwsHandler()
                .EnqueueJson(HttpStatusCode.InternalServerError, ServerError)
                .EnqueueJson(HttpStatusCode.OK, "{\"clusterArns\":[]}");
            using var session = Sessions.WithHandler(handler, time: time, jitter: () => 1.0);

            var call = session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            await WaitUntil(() => handler.Requests.Count == 1);
            await Task.Delay(50);
            Assert.False(call.IsCompleted); // waiting the 1 s backoff
            Assert.Single(handler.Requests);

            time.Advance(TimeSpan.FromSeconds(1));
            await call.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task Cancellation_during_backoff_ends_the_call_at_once()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow); // never advanced: the 20 s-capped wait would never end
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json(HttpStatusCode.InternalServerError, ServerError) };
            using var session = Sessions.WithHandler(handler, time: time, jitter: () => 1.0);
            using var cts = new CancellationTokenSource();

            var call = session.CreateEcsClient().ListClustersAsync(cts.Token);
            await WaitUntil(() => handler.Requests.Count == 1);
            var started = DateTime.UtcNow;
            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Empty_retry_quota_stops_retrying_and_successes_refill_it()
        {
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json(HttpStatusCode.InternalServerError, ServerError) };
            using var session = Sessions.WithHandler(handler);
            while (session.Quota.TryAcquire(RetryQuota.RetryCost)) { }
            Assert.True(session.Quota.Available < RetryQuota.RetryCost);

            await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Single(handler.Requests); // no retry without quota

            handler.Default = _ => FakeAwsHandler.Json(HttpStatusCode.OK, "{\"clusterArns\":[]}");
            var before = session.Quota.Available;
            await session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            Assert.Equal(before + RetryQuota.NoRetryIncrement, session.Quota.Available);
        }

        [Fact]
        public async Task Retries_spend_the_quota_and_a_retried_success_refunds_it()
        {
            var handler = new FakeAwsHandler()
                .EnqueueJson(HttpStatusCode.InternalServerError, ServerError)
                .EnqueueJson(HttpStatusCode.OK, "{\"clusterArns\":[]}");
            using var session = Sessions.WithHandler(handler);
            await session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            Assert.Equal(RetryQuota.Capacity, session.Quota.Available);

            handler.Default = _ => FakeAwsHandler.Json(HttpStatusCode.InternalServerError, ServerError);
            await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Equal(RetryQuota.Capacity - 2 * RetryQuota.RetryCost, session.Quota.Available);
        }

        private static readonly JsonObject RegisterInput = new JsonObject
        {
            ["family"] = "web",
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "repo/app:2.0" }),
        };

        private static string Described(string image) =>
            "{\"taskDefinition\":{\"taskDefinitionArn\":\"arn:aws:ecs:eu-west-2:1:task-definition/web:8\",\"family\":\"web\",\"revision\":8," +
            "\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"" + image + "\",\"essential\":true,\"cpu\":0}],\"status\":\"ACTIVE\"},\"tags\":[]}";

        [Fact]
        public async Task Register_with_unknown_outcome_adopts_the_revision_that_was_created()
        {
            var handler = new FakeAwsHandler()
                .EnqueueThrow(new HttpRequestException("connection reset", new IOException("reset by peer")))
                .EnqueueJson(HttpStatusCode.OK, "{\"taskDefinitionArns\":[\"arn:aws:ecs:eu-west-2:1:task-definition/web:8\"]}")
                .EnqueueJson(HttpStatusCode.OK, Described("repo/app:2.0"));
            using var session = Sessions.WithHandler(handler);

            var registered = await session.CreateEcsClient().RegisterTaskDefinitionAsync((JsonObject)RegisterInput.DeepClone(), CancellationToken.None);

            Assert.Equal(8, registered.Revision);
            Assert.Equal(new[] { "RegisterTaskDefinition", "ListTaskDefinitions", "DescribeTaskDefinition" }, handler.Requests.Select(r => r.Operation));
            Assert.Contains("\"sort\":\"DESC\"", handler.Requests[1].BodyText);
        }

        [Fact]
        public async Task Register_with_unknown_outcome_sends_again_when_no_matching_revision_exists()
        {
            var handler = new FakeAwsHandler()
                .EnqueueThrow(new HttpRequestException("connection reset", new IOException("reset by peer")))
                .EnqueueJson(HttpStatusCode.OK, "{\"taskDefinitionArns\":[\"arn:aws:ecs:eu-west-2:1:task-definition/web:7\"]}")
                .EnqueueJson(HttpStatusCode.OK, Described("repo/app:1.0"))
                .EnqueueJson(HttpStatusCode.OK, Described("repo/app:2.0").Replace("web:8", "web:9").Replace("\"revision\":8", "\"revision\":9"));
            using var session = Sessions.WithHandler(handler);

            var registered = await session.CreateEcsClient().RegisterTaskDefinitionAsync((JsonObject)RegisterInput.DeepClone(), CancellationToken.None);

            Assert.Equal(9, registered.Revision);
            Assert.Equal(new[] { "RegisterTaskDefinition", "ListTaskDefinitions", "DescribeTaskDefinition", "RegisterTaskDefinition" },
                handler.Requests.Select(r => r.Operation));
        }

        [Fact]
        public async Task Register_is_not_checked_after_a_clear_client_error()
        {
            var handler = new FakeAwsHandler().EnqueueJson(HttpStatusCode.BadRequest, "{\"__type\":\"ClientException\",\"message\":\"Invalid\"}");
            using var session = Sessions.WithHandler(handler);
            await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().RegisterTaskDefinitionAsync((JsonObject)RegisterInput.DeepClone(), CancellationToken.None));
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Attempt_timeout_counts_as_unknown_outcome_and_is_retried()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var handler = new FakeAwsHandler()
                .EnqueueAsync(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; })
                .EnqueueJson(HttpStatusCode.OK, "{\"clusterArns\":[]}");
            using var session = Sessions.WithHandler(handler, time: time);

            var call = session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
            await WaitUntil(() => handler.Requests.Count == 1);
            time.Advance(new RetryOptions().AttemptTimeout);
            await call.WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal(2, handler.Requests.Count);
            Assert.Equal(RetryQuota.Capacity, session.Quota.Available); // timeout cost 10 refunded on success
        }

        private static async Task WaitUntil(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException();
                await Task.Delay(5);
            }
        }
    }
}
