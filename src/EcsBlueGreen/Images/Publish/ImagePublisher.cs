using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecr.Model;
using EcsBlueGreen.Reporting;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// Publish-EcrImage's work in two phases. <see cref="PlanAsync"/> validates everything and reads
    /// (names, archive, builder, repository, existing tags) and writes nothing, so every bad input fails
    /// there; <see cref="ExecuteAsync"/> builds, creates the repository if asked, pushes or tags, and
    /// returns the <see cref="EcrImage"/>.
    /// </summary>
    public sealed class ImagePublisher
    {
        private readonly IEcrApi _ecr;
        private readonly ImagePublisherSettings _settings;
        private readonly IReporter _reporter;

        public ImagePublisher(IEcrApi ecr, ImagePublisherSettings settings, IReporter? reporter = null)
        {
            _ecr = ecr;
            _settings = settings;
            _reporter = reporter ?? NullReporter.Instance;
        }

        public async Task<PublishPlan> PlanAsync(PublishEcrImageRequest request, CancellationToken cancellationToken)
        {
            var repositoryArgument = RepositoryArgument.Parse(request.RepositoryName, _settings.Region);
            request.RepositoryName = repositoryArgument.Name;
            NameRules.CheckRepositoryName(request.RepositoryName);
            var tags = request.Tags.Distinct(StringComparer.Ordinal).ToList();
            if (tags.Count == 0)
                throw new ImagePublishException(ErrorIds.InvalidImageTag, "Give at least one tag to publish the image under.", null);
            foreach (string tag in tags) NameRules.CheckTag(tag);
            request.Tags = tags;

            var plan = new PublishPlan(request);
            try
            {
                // Local checks first: they cost nothing and need no credentials.
                if (request.Source == PublishSource.Archive) PlanArchive(plan);
                else if (request.Source == PublishSource.Build) await PlanBuildAsync(plan, cancellationToken).ConfigureAwait(false);
                else if (request.SourceTag == null && request.SourceDigest == null)
                    throw new ImagePublishException(ErrorIds.EcrSourceImageNotFound, "Promote needs the source image: -SourceTag or an image (digest) from the pipeline.", null);
                else if (request.SourceTag != null) NameRules.CheckTag(request.SourceTag);

                plan.Repository = await _ecr.DescribeRepositoryAsync(request.RepositoryName, cancellationToken).ConfigureAwait(false);
                if (plan.Repository == null && (!request.CreateRepository || request.Source == PublishSource.Promote))
                    throw new ImagePublishException(ErrorIds.EcrRepositoryNotFound,
                        $"The ECR repository '{request.RepositoryName}' does not exist" + (request.Source == PublishSource.Promote ? "." : "; add -CreateRepository to create it."),
                        request.RepositoryName);
                if (repositoryArgument.Account != null)
                {
                    // Any repository of the connected registry tells its account.
                    var registryId = plan.Repository?.RegistryId
                        ?? (await _ecr.DescribeRepositoriesAsync(cancellationToken).ConfigureAwait(false)).Select(r => r.RegistryId).FirstOrDefault(id => !string.IsNullOrEmpty(id));
                    repositoryArgument.CheckAccount(registryId);
                }

                _reporter.Verbose(plan.Repository == null
                    ? $"Repository {request.RepositoryName} does not exist; it will be created."
                    : $"Repository {plan.Repository.RepositoryUri} ({plan.Repository.ImageTagMutability}).");

                if (request.Source == PublishSource.Promote) await PlanPromoteAsync(plan, cancellationToken).ConfigureAwait(false);
                if (plan.Repository != null) await CheckTagsAsync(plan, cancellationToken).ConfigureAwait(false);
                return plan;
            }
            catch
            {
                plan.Dispose();
                throw;
            }
        }

        public async Task<EcrImage> ExecuteAsync(PublishPlan plan, IPushProgress? progress, CancellationToken cancellationToken)
        {
            var request = plan.Request;
            string? buildDirectory = null;
            try
            {
                if (request.Source == PublishSource.Build)
                {
                    buildDirectory = Path.Combine(_settings.WorkDirectory, "ecsbg-build-" + Guid.NewGuid().ToString("N"));
                    Directory.CreateDirectory(buildDirectory);
                    string archivePath = Path.Combine(buildDirectory, "image.tar");
                    var spec = new ImageBuildSpec { ContextPath = request.ContextPath!, DockerfilePath = plan.DockerfilePath!, BuildArgs = request.BuildArgs, Platform = request.Platform };
                    foreach (string line in plan.Builder!.Describe(spec, archivePath)) _reporter.Verbose("Running: " + line);
                    await plan.Builder.BuildAsync(spec, archivePath, _reporter, cancellationToken).ConfigureAwait(false);
                    plan.Archive = ImageArchive.Open(archivePath, request.Platform);
                    plan.Digest = plan.Archive.ManifestDigest;
                    _reporter.Verbose($"Built image {plan.Digest} ({plan.Archive.Layers.Count} layers).");
                    if (plan.Repository != null) CheckConflicts(plan); // only now is the digest known
                }

                if (plan.Repository == null)
                {
                    plan.Repository = await _ecr.CreateRepositoryAsync(request.RepositoryName, request.ImmutableTags, request.ScanOnPush, cancellationToken).ConfigureAwait(false);
                    _reporter.Verbose($"Created repository {plan.Repository.RepositoryUri} ({plan.Repository.ImageTagMutability}, scan on push {(plan.Repository.ScanOnPush ? "on" : "off")}).");
                }

                if (request.Source == PublishSource.Promote) await PromoteAsync(plan, cancellationToken).ConfigureAwait(false);
                else await PushAsync(plan, progress, cancellationToken).ConfigureAwait(false);

                return await DescribeResultAsync(plan, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (buildDirectory != null)
                {
                    plan.Archive?.Dispose();
                    TryDelete(buildDirectory);
                }
            }
        }

        private void PlanArchive(PublishPlan plan)
        {
            string path = plan.Request.ArchivePath ?? throw new ImagePublishException(ErrorIds.ImageArchiveNotFound, "No archive path given.", null);
            plan.Archive = ImageArchive.Open(path, plan.Request.Platform);
            plan.Digest = plan.Archive.ManifestDigest;
            _reporter.Verbose($"Archive {path}: {plan.Archive.Format}, manifest {plan.Digest}, {plan.Archive.Layers.Count} layers, {PushProgressReporter.Size(plan.Archive.TotalSize)}.");
        }

        private async Task PlanBuildAsync(PublishPlan plan, CancellationToken cancellationToken)
        {
            var request = plan.Request;
            if (string.IsNullOrEmpty(request.ContextPath) || !Directory.Exists(request.ContextPath))
                throw new ImagePublishException(ErrorIds.BuildContextNotFound,
                    $"The build context '{request.ContextPath}' is not a folder.", request.ContextPath);
            string? dockerfile = request.DockerfilePath;
            if (dockerfile == null)
                dockerfile = new[] { "Dockerfile", "Containerfile" }.Select(n => Path.Combine(request.ContextPath, n)).FirstOrDefault(File.Exists)
                             ?? Path.Combine(request.ContextPath, "Dockerfile");
            if (!File.Exists(dockerfile))
                throw new ImagePublishException(ErrorIds.DockerfileNotFound,
                    $"There is no Dockerfile at '{dockerfile}'" + (request.DockerfilePath == null ? " (nor a Containerfile in the context); give one with -Dockerfile." : "."), dockerfile);
            plan.DockerfilePath = dockerfile;
            plan.Builder = await _settings.Builders.FindAsync(request.Builder, cancellationToken).ConfigureAwait(false)
                ?? throw new ImagePublishException(ErrorIds.ImageBuilderNotFound,
                    request.Builder == ImageBuilderKind.Auto
                        ? "No image builder found: install podman (or docker with a running daemon), or push a prebuilt archive with -ArchivePath."
                        : $"The builder '{request.Builder.ToString().ToLowerInvariant()}' is not installed or not usable here.",
                    request.Builder.ToString().ToLowerInvariant());
            _reporter.Verbose($"Builder: {plan.Builder.Name}; Dockerfile {dockerfile}.");
        }

        private async Task PlanPromoteAsync(PublishPlan plan, CancellationToken cancellationToken)
        {
            var request = plan.Request;
            var id = request.SourceDigest != null ? EcrImageId.ForDigest(request.SourceDigest) : EcrImageId.ForTag(request.SourceTag!);
            var found = await _ecr.BatchGetImageAsync(request.RepositoryName, new[] { id }, MediaTypes.AllManifests, cancellationToken).ConfigureAwait(false);
            var source = found.FirstOrDefault()
                ?? throw new ImagePublishException(ErrorIds.EcrSourceImageNotFound,
                    $"The repository '{request.RepositoryName}' has no image {(request.SourceDigest ?? ":" + request.SourceTag)} to promote.", request.SourceDigest ?? request.SourceTag);
            plan.SourceManifest = source;
            plan.Digest = source.ImageId.ImageDigest ?? Digest.Of(source.ImageManifest);
            _reporter.Verbose($"Source image {plan.Digest}.");
        }

        /// <summary>Reads which requested tags exist and where they point; fails on immutable conflicts.</summary>
        private async Task CheckTagsAsync(PublishPlan plan, CancellationToken cancellationToken)
        {
            var ids = plan.Tags.Select(EcrImageId.ForTag).ToList();
            var details = await _ecr.DescribeImagesAsync(plan.Request.RepositoryName, ids, cancellationToken).ConfigureAwait(false);
            var existing = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var detail in details)
                foreach (string tag in detail.ImageTags.Where(plan.Tags.Contains))
                    existing[tag] = detail.ImageDigest;
            plan.ExistingTags = existing;
            if (plan.Digest != null) CheckConflicts(plan);
        }

        private void CheckConflicts(PublishPlan plan)
        {
            foreach (var pair in plan.ExistingTags)
            {
                if (pair.Value == plan.Digest)
                {
                    _reporter.Verbose($"Tag {pair.Key} already points at {plan.Digest}; it is left as it is.");
                    continue;
                }
                if (plan.Repository!.IsImmutable)
                    throw new ImagePublishException(ErrorIds.EcrImmutableTagConflict,
                        $"The repository '{plan.Request.RepositoryName}' has immutable tags and '{pair.Key}' already points at {pair.Value}; publish under a new tag.", pair.Key);
                _reporter.Verbose($"Tag {pair.Key} moves from {pair.Value} to {plan.Digest}.");
            }
        }

        private async Task PushAsync(PublishPlan plan, IPushProgress? progress, CancellationToken cancellationToken)
        {
            var tags = plan.TagsToWrite;
            if (tags.Count == 0)
            {
                // Every tag already names this manifest, which the registry only accepts with all its blobs present.
                _reporter.Verbose($"The repository already has {plan.Digest} under every requested tag; nothing to push.");
                return;
            }
            var credentials = new EcrRegistryCredentials(_ecr, _settings.Tokens, _settings.TokenCacheKey);
            Uri endpoint = await credentials.GetEndpointAsync(cancellationToken).ConfigureAwait(false);
            using (var registry = _settings.RegistryFactory(endpoint, credentials, _settings.Retry))
            {
                var pusher = new ImagePusher(registry, new EcrBlobAvailability(_ecr), _settings.Locations, _settings.Push);
                var result = await pusher.PushAsync(plan.Archive!, plan.Request.RepositoryName, tags, progress, cancellationToken).ConfigureAwait(false);
                _reporter.Verbose($"Pushed {plan.Request.RepositoryName}: {result.BlobsUploaded} blobs uploaded ({PushProgressReporter.Size(result.BytesUploaded)}), {result.BlobsSkipped} already there, {result.BlobsMounted} mounted, tags {string.Join(", ", tags)}, in {result.Elapsed.TotalSeconds:0.0} s.");
                if (result.ManifestDigest != plan.Digest)
                    throw new ImagePublishException(ErrorIds.ImageBlobDigestMismatch,
                        $"The registry stored the manifest as {result.ManifestDigest}, expected {plan.Digest}.", result.ManifestDigest);
            }
        }

        private async Task PromoteAsync(PublishPlan plan, CancellationToken cancellationToken)
        {
            var source = plan.SourceManifest!;
            foreach (string tag in plan.TagsToWrite)
            {
                try
                {
                    await _ecr.PutImageAsync(plan.Request.RepositoryName, source.ImageManifest, source.ImageManifestMediaType, tag, plan.Digest, cancellationToken).ConfigureAwait(false);
                    _reporter.Verbose($"Tagged {plan.Digest} as {tag}.");
                }
                catch (AwsServiceException e) when (e.ErrorCode == "ImageAlreadyExistsException")
                {
                    _reporter.Verbose($"Tag {tag} already points at {plan.Digest}.");
                }
                catch (AwsServiceException e) when (e.ErrorCode == "ImageTagAlreadyExistsException")
                {
                    throw new ImagePublishException(ErrorIds.EcrImmutableTagConflict,
                        $"The repository '{plan.Request.RepositoryName}' has immutable tags and '{tag}' already points at another image.", tag, e);
                }
            }
        }

        private async Task<EcrImage> DescribeResultAsync(PublishPlan plan, CancellationToken cancellationToken)
        {
            var repository = plan.Repository!;
            var details = await _ecr.DescribeImagesAsync(repository.RepositoryName, new[] { EcrImageId.ForDigest(plan.Digest!) }, cancellationToken).ConfigureAwait(false);
            var detail = details.FirstOrDefault();
            string uri = repository.RepositoryUri;
            int slash = uri.IndexOf('/');
            return new EcrImage
            {
                RepositoryName = repository.RepositoryName,
                RepositoryUri = uri,
                Registry = slash > 0 ? uri.Substring(0, slash) : uri,
                Region = _settings.Region,
                Tags = detail?.ImageTags.OrderBy(t => t, StringComparer.Ordinal).ToList() ?? (IReadOnlyList<string>)plan.Tags,
                Digest = plan.Digest!,
                MediaType = detail?.ImageManifestMediaType ?? plan.Archive?.ManifestMediaType ?? plan.SourceManifest?.ImageManifestMediaType ?? "",
                SizeBytes = detail?.ImageSizeInBytes ?? plan.Archive?.TotalSize ?? 0,
                PushedAt = detail?.ImagePushedAt,
                EndpointUrl = _settings.EndpointUrl,
                ProfileName = _settings.ProfileName,
                Connection = _settings.Connection,
            };
        }

        private static void TryDelete(string directory)
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { } // a leftover archive in the temp folder holds no secret
            catch (UnauthorizedAccessException) { }
        }
    }
}
