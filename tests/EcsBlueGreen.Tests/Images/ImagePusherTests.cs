using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Images;
using Xunit;

namespace EcsBlueGreen.Tests.Images
{
    public class ImagePusherTests
    {
        private static readonly Uri Endpoint = new("https://123456789012.dkr.ecr.eu-west-2.amazonaws.com");

        private static RegistryClient Client(FakeRegistry registry) =>
            new(Endpoint, new StaticRegistryCredentials(new RegistryCredentials(FakeRegistry.User, registry.Password)), TestRetry.Immediate(), registry);

        [Fact]
        public async Task Pushes_blobs_then_the_manifest_and_pulls_back_identical_bytes()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 4, layerBytes: 20_000);
            var registry = new FakeRegistry();
            using var client = Client(registry);
            using var archive = ImageArchive.Open(image.WriteOciTar(temp.File("i.tar")));
            var progress = new RecordingProgress();

            var result = await new ImagePusher(client).PushAsync(archive, "team/app", new[] { "1.0", "stable" }, progress, CancellationToken.None);

            Assert.Equal(image.ManifestDigest, result.ManifestDigest);
            Assert.Equal(5, result.BlobsUploaded);
            Assert.Equal(2, registry.Count("PUT manifest"));
            var pulled = await client.GetManifestAsync("team/app", "stable", CancellationToken.None);
            Assert.Equal(image.Manifest, pulled!.Content);
            Assert.Equal(MediaTypes.OciManifest, pulled.MediaType);
            foreach (var layer in image.Layers)
            {
                using var s = await client.OpenBlobAsync("team/app", layer.Digest, CancellationToken.None);
                using var copy = new MemoryStream();
                await s.CopyToAsync(copy);
                Assert.Equal(layer.Gzip, copy.ToArray());
            }
            var last = progress.Reports.OrderBy(r => r.OverallBytesDone).Last();
            Assert.Equal(archive.Blobs.Sum(b => b.Size), last.OverallBytesDone);
            Assert.Equal(last.OverallBytes, last.OverallBytesDone);
        }

        [Fact]
        public async Task A_second_push_sends_no_blob()
        {
            using var temp = new TempDir();
            var image = TestImage.Create();
            var registry = new FakeRegistry();
            using var client = Client(registry);
            using var archive = ImageArchive.Open(image.WriteOciDirectory(temp.File("l")));
            var pusher = new ImagePusher(client);
            await pusher.PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None);
            int posts = registry.Count("POST upload");

            var again = await pusher.PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None);

            Assert.Equal(0, again.BlobsUploaded);
            Assert.Equal(4, again.BlobsSkipped);
            Assert.Equal(posts, registry.Count("POST upload"));
        }

        [Fact]
        public async Task Large_blobs_go_in_chunks_with_content_range_and_are_verified()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 2, layerBytes: 300_000);
            var registry = new FakeRegistry();
            using var client = Client(registry);
            using var archive = ImageArchive.Open(image.WriteOciTar(temp.File("i.tar")));
            var options = new PushOptions { ChunkedUploadThreshold = 1000, ChunkSize = 64 * 1024 };

            await new ImagePusher(client, options: options).PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None);

            long layerBytes = image.Layers.Sum(l => (long)l.Gzip.Length);
            Assert.True(registry.Count("PATCH") >= layerBytes / options.ChunkSize, $"{registry.Count("PATCH")} PATCH requests");
            Assert.Equal(image.Layers[0].Gzip, registry.Blobs[image.Layers[0].Digest]);
        }

        [Fact]
        public async Task A_failed_chunk_retries_the_blob_from_a_fresh_session()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 1, layerBytes: 200_000);
            var registry = new FakeRegistry { FailNextPatches = 1 };
            using var client = Client(registry);
            using var archive = ImageArchive.Open(image.WriteOciTar(temp.File("i.tar")));
            var options = new PushOptions { ChunkedUploadThreshold = 100, ChunkSize = 50_000 };

            var result = await new ImagePusher(client, options: options).PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None);

            Assert.Equal(image.ManifestDigest, result.ManifestDigest);
            Assert.Equal(image.Layers[0].Gzip, registry.Blobs[image.Layers[0].Digest]);
        }

        [Fact]
        public async Task Damaged_layer_is_caught_while_streaming_and_no_manifest_is_written()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 2, layerBytes: 50_000);
            string dir = image.WriteOciDirectory(temp.File("l"));
            string victim = Path.Combine(dir, "blobs", "sha256", image.Layers[1].Digest[7..]);
            var bytes = File.ReadAllBytes(victim);
            bytes[^5] ^= 0xFF; // same size, different content
            File.WriteAllBytes(victim, bytes);
            var registry = new FakeRegistry();
            using var client = Client(registry);
            using var archive = ImageArchive.Open(dir);

            foreach (var threshold in new long[] { long.MaxValue, 1000 })
            {
                var e = await Assert.ThrowsAsync<ImagePublishException>(() =>
                    new ImagePusher(client, options: new PushOptions { ChunkedUploadThreshold = threshold, ChunkSize = 8192 })
                        .PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None));
                Assert.Equal(ErrorIds.ImageBlobDigestMismatch.Id, e.ErrorId);
            }
            Assert.Equal(0, registry.Count("PUT manifest"));
            Assert.False(registry.Blobs.ContainsKey(image.Layers[1].Digest));
        }

        [Fact]
        public async Task Blobs_known_in_another_repository_are_mounted_not_uploaded()
        {
            using var temp = new TempDir();
            var image = TestImage.Create();
            var registry = new FakeRegistry();
            using var client = Client(registry);
            using var archive = ImageArchive.Open(image.WriteOciDirectory(temp.File("l")));
            var cache = new BlobLocationCache();
            await new ImagePusher(client, locations: cache).PushAsync(archive, "team/a", new[] { "1" }, null, CancellationToken.None);
            long sent = registry.BytesReceived;

            var result = await new ImagePusher(client, locations: cache).PushAsync(archive, "team/b", new[] { "1" }, null, CancellationToken.None);

            Assert.Equal(4, result.BlobsMounted);
            Assert.Equal(sent, registry.BytesReceived);
            Assert.NotNull(await client.GetManifestAsync("team/b", "1", CancellationToken.None));
        }

        [Fact]
        public async Task Sends_several_blobs_at_once()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 6, layerBytes: 100_000);
            var registry = new FakeRegistry { UploadDelay = TimeSpan.FromMilliseconds(150) };
            using var client = Client(registry);
            using var archive = ImageArchive.Open(image.WriteOciDirectory(temp.File("l")));

            await new ImagePusher(client, options: new PushOptions { MaxParallelBlobs = 3 }).PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None);

            Assert.True(registry.MaxConcurrent >= 2, $"max concurrency {registry.MaxConcurrent}");
        }

        [Fact]
        public async Task An_expired_login_is_refreshed_once_after_a_401()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 1);
            var registry = new FakeRegistry { Password = "new-token" };
            var source = new RotatingCredentials();
            using var client = new RegistryClient(Endpoint, source, TestRetry.Immediate(), registry);
            using var archive = ImageArchive.Open(image.WriteOciDirectory(temp.File("l")));

            await new ImagePusher(client).PushAsync(archive, "app", new[] { "1" }, null, CancellationToken.None);

            Assert.Equal(1, source.Refreshes);
            Assert.Equal(1, registry.Count("PUT manifest"));
        }

        private sealed class RotatingCredentials : IRegistryCredentialSource
        {
            public int Refreshes;
            public Task<RegistryCredentials?> GetAsync(bool refresh, CancellationToken cancellationToken)
            {
                if (refresh) Interlocked.Increment(ref Refreshes);
                return Task.FromResult<RegistryCredentials?>(new RegistryCredentials(FakeRegistry.User, Refreshes > 0 ? "new-token" : "old-token"));
            }
        }

        internal sealed class RecordingProgress : IPushProgress
        {
            public ConcurrentQueue<PushProgress> Reports { get; } = new();
            public void Report(PushProgress progress) => Reports.Enqueue(progress);
        }
    }
}
