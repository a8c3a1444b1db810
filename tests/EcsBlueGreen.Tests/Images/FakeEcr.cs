using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecr.Model;

namespace EcsBlueGreen.Tests.Images
{
    /// <summary>The ECR API over a <see cref="FakeRegistry"/>'s state, counting calls by operation.</summary>
    internal sealed class FakeEcr : IEcrApi
    {
        private readonly FakeRegistry _registry;
        public ConcurrentDictionary<string, EcrRepository> Repositories { get; } = new();
        public ConcurrentDictionary<string, int> Calls { get; } = new();
        public DateTimeOffset TokenExpiry { get; set; } = DateTimeOffset.UtcNow.AddHours(12);
        public string ProxyEndpoint { get; set; } = "https://123456789012.dkr.ecr.eu-west-2.amazonaws.com";

        public FakeEcr(FakeRegistry registry) => _registry = registry;

        public int Count(string op) => Calls.TryGetValue(op, out int n) ? n : 0;
        public int Writes => Count("CreateRepository") + Count("PutImage");
        private void Hit(string op) => Calls.AddOrUpdate(op, 1, (_, n) => n + 1);

        public EcrRepository AddRepository(string name, bool immutable = false)
        {
            var repo = new EcrRepository
            {
                RepositoryName = name,
                RepositoryUri = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/" + name,
                RegistryId = "123456789012",
                ImageTagMutability = immutable ? "IMMUTABLE" : "MUTABLE",
            };
            Repositories[name] = repo;
            return repo;
        }

        public Task<EcrAuthorization> GetAuthorizationTokenAsync(CancellationToken cancellationToken)
        {
            Hit("GetAuthorizationToken");
            return Task.FromResult(new EcrAuthorization(FakeRegistry.User, _registry.Password, ProxyEndpoint, TokenExpiry));
        }

        public Task<EcrRepository?> DescribeRepositoryAsync(string repositoryName, CancellationToken cancellationToken)
        {
            Hit("DescribeRepositories");
            return Task.FromResult(Repositories.TryGetValue(repositoryName, out var r) ? r : null);
        }

        public Task<IReadOnlyList<EcrRepository>> DescribeRepositoriesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<EcrRepository>>(Repositories.Values.ToList());

        public Task<EcrRepository> CreateRepositoryAsync(string repositoryName, bool immutableTags, bool scanOnPush, CancellationToken cancellationToken)
        {
            Hit("CreateRepository");
            var repo = AddRepository(repositoryName, immutableTags);
            repo.ScanOnPush = scanOnPush;
            return Task.FromResult(repo);
        }

        public Task<IReadOnlyList<string>> ListImageTagsAsync(string repositoryName, CancellationToken cancellationToken)
        {
            Hit("ListImages");
            var prefix = repositoryName + "@";
            return Task.FromResult<IReadOnlyList<string>>(_registry.Manifests.Keys
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !k.StartsWith(prefix + "sha256:", StringComparison.Ordinal))
                .Select(k => k.Substring(prefix.Length)).OrderBy(t => t, StringComparer.Ordinal).ToList());
        }

        public Task<IReadOnlyList<EcrImageDetail>> DescribeImagesAsync(string repositoryName, IReadOnlyList<EcrImageId> imageIds, CancellationToken cancellationToken)
        {
            Hit("DescribeImages");
            var result = new List<EcrImageDetail>();
            foreach (var id in imageIds)
            {
                string? digest = id.ImageDigest ?? (_registry.Manifests.TryGetValue(repositoryName + "@" + id.ImageTag, out var m) ? TestImage.Sha(m.Bytes) : null);
                if (digest == null || !_registry.Manifests.TryGetValue(repositoryName + "@" + digest, out var found)) continue;
                if (result.Any(r => r.ImageDigest == digest)) continue;
                result.Add(new EcrImageDetail
                {
                    RepositoryName = repositoryName,
                    ImageDigest = digest,
                    ImageTags = TagsOf(repositoryName, digest),
                    ImageSizeInBytes = 1234,
                    ImagePushedAt = DateTimeOffset.UtcNow,
                    ImageManifestMediaType = found.Type,
                });
            }
            return Task.FromResult<IReadOnlyList<EcrImageDetail>>(result);
        }

        private List<string> TagsOf(string repo, string digest) =>
            _registry.Manifests.Where(kv => kv.Key.StartsWith(repo + "@", StringComparison.Ordinal) && !kv.Key.Contains("@sha256:") && TestImage.Sha(kv.Value.Bytes) == digest)
                .Select(kv => kv.Key[(repo.Length + 1)..]).OrderBy(t => t).ToList();

        public Task<IReadOnlyList<EcrImageManifest>> BatchGetImageAsync(string repositoryName, IReadOnlyList<EcrImageId> imageIds, IReadOnlyList<string>? acceptedMediaTypes, CancellationToken cancellationToken)
        {
            Hit("BatchGetImage");
            var result = new List<EcrImageManifest>();
            foreach (var id in imageIds)
                if (_registry.Manifests.TryGetValue(repositoryName + "@" + (id.ImageDigest ?? id.ImageTag), out var m))
                    result.Add(new EcrImageManifest { ImageId = new EcrImageId { ImageDigest = TestImage.Sha(m.Bytes), ImageTag = id.ImageTag }, ImageManifest = Encoding.UTF8.GetString(m.Bytes), ImageManifestMediaType = m.Type });
            return Task.FromResult<IReadOnlyList<EcrImageManifest>>(result);
        }

        public Task<EcrImageId> PutImageAsync(string repositoryName, string imageManifest, string? manifestMediaType, string imageTag, string? imageDigest, CancellationToken cancellationToken)
        {
            Hit("PutImage");
            byte[] bytes = Encoding.UTF8.GetBytes(imageManifest);
            string digest = TestImage.Sha(bytes);
            if (_registry.Manifests.TryGetValue(repositoryName + "@" + imageTag, out var existing))
            {
                if (TestImage.Sha(existing.Bytes) == digest) throw new AwsServiceException("ECR", "PutImage", "ImageAlreadyExistsException", "exists", 400, null, false);
                if (Repositories[repositoryName].IsImmutable) throw new AwsServiceException("ECR", "PutImage", "ImageTagAlreadyExistsException", "immutable", 400, null, false);
            }
            _registry.Manifests[repositoryName + "@" + imageTag] = (bytes, manifestMediaType ?? "");
            return Task.FromResult(new EcrImageId { ImageDigest = digest, ImageTag = imageTag });
        }

        public Task<IReadOnlyDictionary<string, bool>> BatchCheckLayerAvailabilityAsync(string repositoryName, IReadOnlyList<string> layerDigests, CancellationToken cancellationToken)
        {
            Hit("BatchCheckLayerAvailability");
            var set = _registry.RepoBlobs.TryGetValue(repositoryName, out var s) ? s : new ConcurrentDictionary<string, bool>();
            return Task.FromResult<IReadOnlyDictionary<string, bool>>(layerDigests.ToDictionary(d => d, d => set.ContainsKey(d)));
        }
    }
}
