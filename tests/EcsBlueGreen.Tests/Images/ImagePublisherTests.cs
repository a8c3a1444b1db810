using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Images;
using EcsBlueGreen.Reporting;
using Xunit;

namespace EcsBlueGreen.Tests.Images
{
    public class ImagePublisherTests : IDisposable
    {
        private readonly TempDir _temp = new();
        private readonly FakeRegistry _registry = new();
        private readonly FakeEcr _ecr;
        private readonly RecordingReporter _reporter = new();
        private readonly ImagePublisherSettings _settings;

        public ImagePublisherTests()
        {
            _ecr = new FakeEcr(_registry);
            _settings = new ImagePublisherSettings(TestRetry.Immediate())
            {
                RegistryFactory = (endpoint, credentials, retry) => new RegistryClient(endpoint, credentials, retry, _registry),
                Region = "eu-west-2",
                Builders = new NoBuilders(),
                WorkDirectory = _temp.Path,
            };
        }

        public void Dispose() => _temp.Dispose();

        private ImagePublisher Publisher() => new(_ecr, _settings, _reporter);

        private async Task<EcrImage> PublishAsync(PublishEcrImageRequest request)
        {
            using var plan = await Publisher().PlanAsync(request, CancellationToken.None);
            return await Publisher().ExecuteAsync(plan, null, CancellationToken.None);
        }

        private PublishEcrImageRequest ArchiveRequest(string repo, params string[] tags) =>
            new() { Source = PublishSource.Archive, RepositoryName = repo, Tags = tags, ArchivePath = TestImage.Create().WriteOciTar(_temp.File(Guid.NewGuid() + ".tar")) };

        [Fact]
        public async Task Publishes_an_archive_and_returns_the_digest_pinned_image()
        {
            _ecr.AddRepository("team/app");
            var image = await PublishAsync(ArchiveRequest("team/app", "1.0", "stable"));

            Assert.Equal(TestImage.Create().ManifestDigest, image.Digest);
            Assert.Equal("123456789012.dkr.ecr.eu-west-2.amazonaws.com/team/app@" + image.Digest, image.ImageUri);
            Assert.Equal("123456789012.dkr.ecr.eu-west-2.amazonaws.com", image.Registry);
            Assert.Equal(new[] { "1.0", "stable" }, image.Tags);
            Assert.Equal("eu-west-2", image.Region);
            Assert.Equal(MediaTypes.OciManifest, image.MediaType);
            Assert.Equal(1, _ecr.Count("BatchCheckLayerAvailability"));
        }

        [Fact]
        public async Task Publishing_the_same_archive_again_writes_nothing()
        {
            _ecr.AddRepository("app");
            var first = await PublishAsync(ArchiveRequest("app", "1.0"));
            int blobPuts = _registry.Count("PUT blob"), manifestPuts = _registry.Count("PUT manifest");

            var again = await PublishAsync(ArchiveRequest("app", "1.0"));

            Assert.Equal(first.Digest, again.Digest);
            Assert.Equal(blobPuts, _registry.Count("PUT blob"));
            Assert.Equal(manifestPuts, _registry.Count("PUT manifest"));
        }

        [Fact]
        public async Task The_registry_login_is_fetched_once_and_refreshed_near_expiry()
        {
            _ecr.AddRepository("app");
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
            _settings.Tokens = new EcrAuthTokenCache(time);
            _ecr.TokenExpiry = time.GetUtcNow().AddHours(12);
            await PublishAsync(ArchiveRequest("app", "1"));
            await PublishAsync(ArchiveRequest("app", "2"));
            Assert.Equal(1, _ecr.Count("GetAuthorizationToken"));

            time.Advance(TimeSpan.FromHours(11.9));
            _ecr.TokenExpiry = time.GetUtcNow().AddHours(12);
            await PublishAsync(ArchiveRequest("app", "3"));
            Assert.Equal(2, _ecr.Count("GetAuthorizationToken"));
        }

        [Theory]
        [InlineData("-bad")]
        [InlineData("has space")]
        [InlineData("")]
        [InlineData("x/y")]
        public async Task Invalid_tags_fail_before_any_call(string tag)
        {
            _ecr.AddRepository("app");
            var e = await Assert.ThrowsAsync<ImagePublishException>(() => Publisher().PlanAsync(ArchiveRequest("app", tag), CancellationToken.None));
            Assert.Equal(ErrorIds.InvalidImageTag.Id, e.ErrorId);
            Assert.Empty(_ecr.Calls);
        }

        [Fact]
        public async Task Invalid_repository_names_fail_before_any_call()
        {
            var e = await Assert.ThrowsAsync<ImagePublishException>(() => Publisher().PlanAsync(ArchiveRequest("Team/App", "1"), CancellationToken.None));
            Assert.Equal(ErrorIds.InvalidRepositoryName.Id, e.ErrorId);
            Assert.Empty(_ecr.Calls);
        }

        [Fact]
        public async Task An_unknown_repository_is_an_error_unless_creation_is_asked()
        {
            var e = await Assert.ThrowsAsync<ImagePublishException>(() => Publisher().PlanAsync(ArchiveRequest("nope", "1"), CancellationToken.None));
            Assert.Equal(ErrorIds.EcrRepositoryNotFound.Id, e.ErrorId);
            Assert.Equal(0, _ecr.Writes);

            var request = ArchiveRequest("nope", "1");
            request.CreateRepository = true;
            request.ImmutableTags = true;
            request.ScanOnPush = true;
            var image = await PublishAsync(request);
            Assert.True(_ecr.Repositories["nope"].IsImmutable);
            Assert.True(_ecr.Repositories["nope"].ScanOnPush);
            Assert.Equal(new[] { "1" }, image.Tags);
        }

        [Fact]
        public async Task An_immutable_tag_on_another_image_is_a_conflict_naming_both()
        {
            _ecr.AddRepository("app", immutable: true);
            var first = await PublishAsync(ArchiveRequest("app", "1.0"));
            int writes = _registry.Count("PUT manifest") + _registry.Count("POST upload");

            var other = TestImage.Create(seed: 99).WriteOciTar(_temp.File("other.tar"));
            var e = await Assert.ThrowsAsync<ImagePublishException>(() =>
                Publisher().PlanAsync(new PublishEcrImageRequest { Source = PublishSource.Archive, RepositoryName = "app", Tags = new[] { "1.0" }, ArchivePath = other }, CancellationToken.None));

            Assert.Equal(ErrorIds.EcrImmutableTagConflict.Id, e.ErrorId);
            Assert.Contains("1.0", e.Message);
            Assert.Contains(first.Digest, e.Message);
            Assert.Equal(writes, _registry.Count("PUT manifest") + _registry.Count("POST upload"));
            // The identical image under the same immutable tag is fine.
            Assert.Equal(first.Digest, (await PublishAsync(ArchiveRequest("app", "1.0"))).Digest);
        }

        [Fact]
        public async Task Promote_tags_server_side_without_blob_traffic()
        {
            _ecr.AddRepository("app");
            var pushed = await PublishAsync(ArchiveRequest("app", "2.0"));
            var before = new Dictionary<string, int>(_registry.Counts);

            var promoted = await PublishAsync(new PublishEcrImageRequest { Source = PublishSource.Promote, RepositoryName = "app", SourceTag = "2.0", Tags = new[] { "latest", "prod" } });

            Assert.Equal(pushed.Digest, promoted.Digest);
            Assert.Equal(new[] { "2.0", "latest", "prod" }, promoted.Tags);
            Assert.Equal(2, _ecr.Count("PutImage"));
            Assert.Equal(before, new Dictionary<string, int>(_registry.Counts)); // no /v2/ request at all

            // From a digest (an EcrImage on the pipeline), and idempotent.
            var again = await PublishAsync(new PublishEcrImageRequest { Source = PublishSource.Promote, RepositoryName = "app", SourceDigest = pushed.Digest, Tags = new[] { "latest" } });
            Assert.Equal(pushed.Digest, again.Digest);
        }

        [Fact]
        public async Task Promote_of_a_missing_source_fails_without_writing()
        {
            _ecr.AddRepository("app");
            var e = await Assert.ThrowsAsync<ImagePublishException>(() =>
                Publisher().PlanAsync(new PublishEcrImageRequest { Source = PublishSource.Promote, RepositoryName = "app", SourceTag = "9.9", Tags = new[] { "latest" } }, CancellationToken.None));
            Assert.Equal(ErrorIds.EcrSourceImageNotFound.Id, e.ErrorId);
            Assert.Equal(0, _ecr.Writes);
        }

        [Fact]
        public async Task A_non_image_archive_fails_before_any_call()
        {
            File.WriteAllText(_temp.File("x.tar"), "not a tar at all, just text");
            var e = await Assert.ThrowsAsync<ImagePublishException>(() =>
                Publisher().PlanAsync(new PublishEcrImageRequest { Source = PublishSource.Archive, RepositoryName = "app", Tags = new[] { "1" }, ArchivePath = _temp.File("x.tar") }, CancellationToken.None));
            Assert.Equal(ErrorIds.ImageArchiveNotAnImage.Id, e.ErrorId);
            Assert.Empty(_ecr.Calls);
        }

        [Fact]
        public async Task Build_input_errors_are_distinct_and_send_nothing()
        {
            _ecr.AddRepository("app");
            var request = new PublishEcrImageRequest { Source = PublishSource.Build, RepositoryName = "app", Tags = new[] { "1" }, ContextPath = _temp.File("missing") };
            var e = await Assert.ThrowsAsync<ImagePublishException>(() => Publisher().PlanAsync(request, CancellationToken.None));
            Assert.Equal(ErrorIds.BuildContextNotFound.Id, e.ErrorId);

            Directory.CreateDirectory(_temp.File("ctx"));
            request.ContextPath = _temp.File("ctx");
            e = await Assert.ThrowsAsync<ImagePublishException>(() => Publisher().PlanAsync(request, CancellationToken.None));
            Assert.Equal(ErrorIds.DockerfileNotFound.Id, e.ErrorId);

            File.WriteAllText(_temp.File("ctx/Dockerfile"), "FROM scratch\n");
            e = await Assert.ThrowsAsync<ImagePublishException>(() => Publisher().PlanAsync(request, CancellationToken.None));
            Assert.Equal(ErrorIds.ImageBuilderNotFound.Id, e.ErrorId);
            Assert.Equal(ErrorKind.NotInstalled, e.Error.Kind);
            Assert.Empty(_ecr.Calls);
        }

        [Fact]
        public async Task The_registry_password_never_reaches_the_reporter_or_errors()
        {
            _ecr.AddRepository("app");
            await PublishAsync(ArchiveRequest("app", "1"));
            _registry.Password = "rotated"; // the cached token is now refused: 401 then refresh
            await PublishAsync(ArchiveRequest("app", "2"));
            Assert.DoesNotContain(_reporter.All, line => line.Contains("secret-token-123") || line.Contains("rotated"));
        }

        internal sealed class NoBuilders : IImageBuilderLocator
        {
            public Task<IImageBuilder?> FindAsync(ImageBuilderKind kind, CancellationToken cancellationToken) => Task.FromResult<IImageBuilder?>(null);
        }
    }

    internal sealed class RecordingReporter : IReporter
    {
        public ConcurrentQueue<string> All { get; } = new();
        public void Verbose(string message) => All.Enqueue(message);
        public void Warning(string message) => All.Enqueue(message);
        public void Information(InformationMessage message) => All.Enqueue(message.Text);
        public void Progress(ProgressReport report) => All.Enqueue(report.Activity + " " + report.Status);
    }
}
