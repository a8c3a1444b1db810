using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Images;
using EcsBlueGreen.Retries;
using Xunit;

namespace EcsBlueGreen.Tests.Images
{
    /// <summary>
    /// The registry client and the pusher retry through the session's RetryPolicy: the same attempts,
    /// backoff (1 s, 2 s... at full jitter) and quota as the AWS calls, waited on its clock. Every wait
    /// here is on a fake clock the test advances; nothing sleeps.
    /// </summary>
    public class RegistryRetryTests
    {
        private static readonly Uri Endpoint = new("https://123456789012.dkr.ecr.eu-west-2.amazonaws.com");

        private static RegistryClient Client(FakeRegistry registry, RetryPolicy retry) =>
            new(Endpoint, new StaticRegistryCredentials(new RegistryCredentials(FakeRegistry.User, registry.Password)), retry, registry);

        private static HttpResponseMessage Unavailable() =>
            FakeRegistry.Error(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE", "try again");

        [Fact]
        public async Task A_503_is_tried_again_after_the_backoff_on_the_policy_clock()
        {
            var registry = new FakeRegistry();
            registry.Seed("app", "sha256:" + new string('a', 64), new byte[] { 1 });
            int heads = 0;
            registry.Intercept = request => request.Method == HttpMethod.Head && Interlocked.Increment(ref heads) == 1 ? Unavailable() : null;
            var clock = new RecordingClock();
            var retry = TestRetry.FullBackoff(clock);
            using var client = Client(registry, retry);

            var exists = client.BlobExistsAsync("app", "sha256:" + new string('a', 64), CancellationToken.None);
            await clock.NextTimerAsync();

            Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, clock.Waits);
            Assert.Equal(1, heads);
            Assert.False(exists.IsCompleted); // held by the fake clock, which has not moved
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await exists);
            Assert.Equal(2, heads);
            Assert.Equal(RetryQuota.Capacity, retry.Quota.Available); // the retry's cost is refunded on success
        }

        [Fact]
        public async Task Exhausted_retries_fail_with_RegistryUnavailable_after_each_backoff()
        {
            var registry = new FakeRegistry();
            int heads = 0;
            registry.Intercept = request => { Interlocked.Increment(ref heads); return Unavailable(); };
            var clock = new RecordingClock();
            var retry = TestRetry.FullBackoff(clock);
            using var client = Client(registry, retry);

            var exists = client.BlobExistsAsync("app", "sha256:" + new string('b', 64), CancellationToken.None);
            await clock.NextTimerAsync();
            clock.Advance(TimeSpan.FromSeconds(1));
            await clock.NextTimerAsync();
            clock.Advance(TimeSpan.FromSeconds(2));
            var error = await Assert.ThrowsAsync<RegistryException>(() => exists);

            Assert.Equal(3, heads);
            Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, clock.Waits);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
            Assert.Equal("UNAVAILABLE", error.RegistryCode);
            Assert.Same(ErrorIds.RegistryUnavailable, error.Error);
            Assert.Equal(ErrorKind.ConnectionError, error.Error.Kind);
            Assert.True(error.RetriedByClient);
            Assert.Equal(RetryQuota.Capacity - 2 * RetryQuota.RetryCost, retry.Quota.Available);
        }

        [Fact]
        public async Task A_dropped_connection_is_tried_again()
        {
            var registry = new FakeRegistry();
            int puts = 0;
            registry.Intercept = request =>
                request.Method == HttpMethod.Put && Interlocked.Increment(ref puts) == 1 ? throw new HttpRequestException("connection reset") : null;
            using var client = Client(registry, TestRetry.Immediate());
            var image = TestImage.Create(layers: 1);
            foreach (var (digest, bytes) in image.AllBlobs().Where(b => b.Digest != image.ManifestDigest)) registry.Seed("app", digest, bytes);

            var digestStored = await client.PutManifestAsync("app", "1.0", image.Manifest, MediaTypes.OciManifest, CancellationToken.None);

            Assert.Equal(image.ManifestDigest, digestStored);
            Assert.Equal(2, puts);
            Assert.Equal(1, registry.Count("PUT manifest"));
        }

        [Fact]
        public async Task A_refused_request_is_not_retried()
        {
            var registry = new FakeRegistry();
            var clock = new RecordingClock();
            using var client = Client(registry, TestRetry.FullBackoff(clock));

            var error = await Assert.ThrowsAsync<RegistryException>(() =>
                client.PutManifestAsync("app", "1.0", TestImage.Create().Manifest, MediaTypes.OciManifest, CancellationToken.None));

            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
            Assert.Equal("MANIFEST_BLOB_UNKNOWN", error.RegistryCode);
            Assert.Same(ErrorIds.RegistryRequestFailed, error.Error);
            Assert.Equal(1, registry.Count("PUT manifest"));
            Assert.Empty(clock.Waits);
        }

        [Fact]
        public async Task The_number_of_attempts_is_the_policy_s()
        {
            var registry = new FakeRegistry();
            int heads = 0;
            registry.Intercept = request => { Interlocked.Increment(ref heads); return Unavailable(); };
            using var client = Client(registry, TestRetry.Immediate(maxAttempts: 5));

            await Assert.ThrowsAsync<RegistryException>(() => client.BlobExistsAsync("app", "sha256:" + new string('c', 64), CancellationToken.None));

            Assert.Equal(5, heads);
        }

        [Fact]
        public async Task Cancelling_during_a_backoff_ends_the_call_without_another_attempt()
        {
            var registry = new FakeRegistry();
            int heads = 0;
            registry.Intercept = request => { Interlocked.Increment(ref heads); return Unavailable(); };
            var clock = new RecordingClock();
            using var client = Client(registry, TestRetry.FullBackoff(clock));
            using var cancel = new CancellationTokenSource();

            var exists = client.BlobExistsAsync("app", "sha256:" + new string('d', 64), cancel.Token);
            await clock.NextTimerAsync();
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exists);
            Assert.Equal(1, heads);
        }

        [Fact]
        public async Task A_chunk_refused_with_a_server_error_is_resent_from_a_fresh_session_after_the_backoff()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 1, layerBytes: 200_000);
            var registry = new FakeRegistry { FailNextPatches = 1 };
            registry.Seed("app", image.ConfigDigest, image.Config); // only the layer is pushed
            var clock = new RecordingClock();
            using var client = Client(registry, TestRetry.FullBackoff(clock));
            using var archive = ImageArchive.Open(image.WriteOciTar(temp.File("i.tar")));
            var options = new PushOptions { ChunkedUploadThreshold = 100, ChunkSize = 50_000 };

            var push = new ImagePusher(client, options: options).PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None);
            await clock.NextTimerAsync();

            Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, clock.Waits);
            Assert.Equal(1, registry.Count("POST upload"));
            Assert.False(push.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(1));
            var result = await push;

            Assert.Equal(image.ManifestDigest, result.ManifestDigest);
            Assert.Equal(2, registry.Count("POST upload"));
            Assert.Equal(image.Layers[0].Gzip, registry.Blobs[image.Layers[0].Digest]);
        }

        [Fact]
        public async Task A_request_the_client_already_retried_is_not_retried_again_for_the_blob()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 1);
            var registry = new FakeRegistry();
            registry.Seed("app", image.ConfigDigest, image.Config);
            int starts = 0;
            registry.Intercept = request =>
                request.Method == HttpMethod.Post && Interlocked.Increment(ref starts) > 0 ? Unavailable() : null;
            using var client = Client(registry, TestRetry.Immediate());
            using var archive = ImageArchive.Open(image.WriteOciTar(temp.File("i.tar")));

            var error = await Assert.ThrowsAsync<RegistryException>(() =>
                new ImagePusher(client).PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None));

            Assert.Same(ErrorIds.RegistryUnavailable, error.Error);
            Assert.Equal(RetryOptions.DefaultMaxAttempts, starts); // 3, not 3 blob attempts of 3 requests each
            Assert.Equal(0, registry.Count("PUT manifest"));
        }

        [Fact]
        public async Task A_publish_retries_the_registry_on_the_clock_of_the_settings_policy()
        {
            using var temp = new TempDir();
            var registry = new FakeRegistry();
            var ecr = new FakeEcr(registry);
            ecr.AddRepository("app");
            int manifestPuts = 0;
            registry.Intercept = request =>
                request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.Contains("/manifests/") && Interlocked.Increment(ref manifestPuts) == 1
                    ? Unavailable() : null;
            var clock = new RecordingClock();
            var retry = TestRetry.FullBackoff(clock);
            RetryPolicy? handedToRegistry = null;
            var settings = new ImagePublisherSettings(retry)
            {
                RegistryFactory = (endpoint, credentials, policy) => { handedToRegistry = policy; return new RegistryClient(endpoint, credentials, policy, registry); },
                Region = "eu-west-2",
                WorkDirectory = temp.Path,
            };
            var request = new PublishEcrImageRequest
            {
                Source = PublishSource.Archive, RepositoryName = "app", Tags = new[] { "1.0" },
                ArchivePath = TestImage.Create().WriteOciTar(temp.File("i.tar")),
            };
            using var plan = await new ImagePublisher(ecr, settings).PlanAsync(request, CancellationToken.None);

            var publish = new ImagePublisher(ecr, settings).ExecuteAsync(plan, null, CancellationToken.None);
            await clock.NextTimerAsync();

            Assert.Same(retry, handedToRegistry);
            Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, clock.Waits);
            Assert.False(publish.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(1));
            var image = await publish;

            Assert.Equal(TestImage.Create().ManifestDigest, image.Digest);
            Assert.Equal(2, manifestPuts);
        }
    }
}
