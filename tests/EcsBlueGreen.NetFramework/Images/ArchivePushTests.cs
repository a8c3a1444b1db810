using EcsBlueGreen.Ecr;
using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecr.Model;
using EcsBlueGreen.Images;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Images
{
    /// <summary>Publish-EcrImage's work from an OCI archive: ECR's API for the login and the repository,
    /// the simulator's /v2/ registry for the blobs and the manifest.</summary>
    [Collection(SimulatorCollection.Name)]
    public sealed class ArchivePushTests : IDisposable
    {
        private readonly SimulatorProcess _simulator;
        private readonly string _work = Path.Combine(Path.GetTempPath(), "ecsbg-netfx-push-" + Guid.NewGuid().ToString("N"));

        public ArchivePushTests(SimulatorProcess simulator)
        {
            _simulator = simulator;
            Directory.CreateDirectory(_work);
        }

        [Fact]
        public async Task An_OCI_archive_is_pushed_and_tagged_under_the_digest_of_its_manifest()
        {
            await _simulator.ResetAsync();
            var archive = OciArchive.Write(Path.Combine(_work, "app.oci.tar"), layers: 2, layerBytes: 64 * 1024, seed: 7);
            var reporter = new RecordingReporter();
            using (var session = SimulatorSessions.For(_simulator))
            {
                var ecr = session.CreateEcrClient();
                var settings = new ImagePublisherSettings(session.RetryPolicy) { Region = session.Region, EndpointUrl = _simulator.Endpoint, TokenCacheKey = "netfx" };
                var request = new PublishEcrImageRequest { Source = PublishSource.Archive, ArchivePath = archive.Path, RepositoryName = "myapplication", Tags = new[] { "netfx" } };
                var publisher = new ImagePublisher(ecr, settings, reporter);

                EcrImage image;
                using (var plan = await publisher.PlanAsync(request, CancellationToken.None))
                {
                    image = await publisher.ExecuteAsync(plan, null, CancellationToken.None);
                }

                Assert.Equal(archive.ManifestDigest, image.Digest);
                Assert.Equal(new[] { "netfx" }, image.Tags);
                Assert.Equal(SimulatorProcess.Repository + "@" + archive.ManifestDigest, image.ImageUri);
                var stored = await ecr.BatchGetImageAsync("myapplication", new[] { EcrImageId.ForTag("netfx") }, null, CancellationToken.None);
                Assert.Equal(archive.ManifestJson, stored.Single().ImageManifest);
                var layers = await ecr.BatchCheckLayerAvailabilityAsync("myapplication", archive.BlobDigests, CancellationToken.None);
                Assert.Equal(archive.BlobDigests.Count, layers.Count(l => l.Value));

                var login = await ecr.GetAuthorizationTokenAsync(CancellationToken.None);
                Assert.True(reporter.Count > 0);
                Assert.DoesNotContain(login.Password, reporter.Text);
                Assert.DoesNotContain(SimulatorProcess.SecretKey, reporter.Text);
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
