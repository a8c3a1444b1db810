using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Aws.Protocol;
using EcsBlueGreen.Ecr.Model;
using static EcsBlueGreen.Aws.Protocol.JsonRead;

namespace EcsBlueGreen.Ecr
{
    /// <summary>
    /// ECR API over awsJson1_1 (the registry's /v2/ protocol is not here).
    ///
    /// Repeating a write after an unknown outcome (timeout or dropped connection after sending, or a 5xx):
    /// * CreateRepository: checked; a repository that now exists is adopted.
    /// * PutImage: checked; when the tag now points at our manifest's digest the image is adopted. (Without
    ///   the check a repeat would answer ImageAlreadyExistsException, which is harmless but misleading.)
    /// </summary>
    public sealed class EcrClient : IEcrApi
    {
        public const int BatchLimit = 100;

        private readonly JsonProtocolClient _json;
        private readonly TimeProvider _time;

        internal EcrClient(JsonProtocolClient json, TimeProvider time)
        {
            _json = json;
            _time = time;
        }

        public async Task<EcrAuthorization> GetAuthorizationTokenAsync(CancellationToken cancellationToken)
        {
            var output = await _json.InvokeAsync("GetAuthorizationToken", new JsonObject(), cancellationToken).ConfigureAwait(false);
            var data = Objects(output, "authorizationData").FirstOrDefault()
                       ?? throw new AwsServiceException("ECR", "GetAuthorizationToken", "InvalidResponse", "ECR returned no authorization data.", 200, null, false);
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(Str(data, "authorizationToken") ?? ""));
            }
            catch (FormatException)
            {
                // Never quote the token itself.
                throw new AwsServiceException("ECR", "GetAuthorizationToken", "InvalidResponse", "The authorization token is not base64.", 200, null, false);
            }

            var colon = decoded.IndexOf(':');
            if (colon <= 0)
            {
                throw new AwsServiceException("ECR", "GetAuthorizationToken", "InvalidResponse", "The authorization token is not 'user:password'.", 200, null, false);
            }

            return new EcrAuthorization(decoded.Substring(0, colon), decoded.Substring(colon + 1),
                Str(data, "proxyEndpoint") ?? "", Time(data, "expiresAt") ?? _time.GetUtcNow().AddHours(12));
        }

        public async Task<EcrRepository?> DescribeRepositoryAsync(string repositoryName, CancellationToken cancellationToken)
        {
            try
            {
                var output = await _json.InvokeAsync("DescribeRepositories",
                    new JsonObject { ["repositoryNames"] = ToArray(new[] { repositoryName }) }, cancellationToken).ConfigureAwait(false);
                var repository = Objects(output, "repositories").FirstOrDefault();
                return repository == null ? null : EcrParser.Repository(repository);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
            {
                return null;
            }
        }

        public async Task<IReadOnlyList<EcrRepository>> DescribeRepositoriesAsync(CancellationToken cancellationToken)
        {
            var result = new List<EcrRepository>();
            string? nextToken = null;
            do
            {
                var input = new JsonObject();
                if (nextToken != null) input["nextToken"] = nextToken;
                var output = await _json.InvokeAsync("DescribeRepositories", input, cancellationToken).ConfigureAwait(false);
                result.AddRange(Objects(output, "repositories").Select(EcrParser.Repository));
                nextToken = Str(output, "nextToken");
            }
            while (!string.IsNullOrEmpty(nextToken));

            return result;
        }

        public async Task<EcrRepository> CreateRepositoryAsync(string repositoryName, bool immutableTags, bool scanOnPush, CancellationToken cancellationToken)
        {
            var input = new JsonObject
            {
                ["repositoryName"] = repositoryName,
                ["imageTagMutability"] = immutableTags ? "IMMUTABLE" : "MUTABLE",
                ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = scanOnPush },
            };
            var output = await _json.InvokeAsync("CreateRepository", input, cancellationToken, async ct =>
            {
                var existing = await _json.InvokeAsync("DescribeRepositories",
                    new JsonObject { ["repositoryNames"] = ToArray(new[] { repositoryName }) }, ct).ConfigureAwait(false);
                var repository = Objects(existing, "repositories").FirstOrDefault();
                return repository == null ? null : new JsonObject { ["repository"] = repository.DeepClone() };
            }).ConfigureAwait(false);
            return EcrParser.Repository(Obj(output, "repository") ?? new JsonObject());
        }

        public async Task<IReadOnlyList<EcrImageDetail>> DescribeImagesAsync(string repositoryName, IReadOnlyList<EcrImageId> imageIds, CancellationToken cancellationToken)
        {
            if (imageIds.Count == 0)
            {
                return Array.Empty<EcrImageDetail>();
            }

            try
            {
                var result = new List<EcrImageDetail>();
                for (var start = 0; start < imageIds.Count; start += BatchLimit)
                {
                    var batch = imageIds.Skip(start).Take(BatchLimit);
                    var output = await _json.InvokeAsync("DescribeImages",
                        new JsonObject { ["repositoryName"] = repositoryName, ["imageIds"] = EcrParser.ImageIds(batch) }, cancellationToken).ConfigureAwait(false);
                    result.AddRange(Objects(output, "imageDetails").Select(EcrParser.ImageDetail));
                }

                return result;
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "ImageNotFoundException")
            {
                // ECR fails the whole call when one id is unknown; ask one by one to leave only the missing out.
                if (imageIds.Count == 1)
                {
                    return Array.Empty<EcrImageDetail>();
                }

                var result = new List<EcrImageDetail>();
                foreach (var id in imageIds)
                {
                    result.AddRange(await DescribeImagesAsync(repositoryName, new[] { id }, cancellationToken).ConfigureAwait(false));
                }

                return result;
            }
        }

        public async Task<IReadOnlyList<string>> ListImageTagsAsync(string repositoryName, CancellationToken cancellationToken)
        {
            var tags = new List<string>();
            string? nextToken = null;
            do
            {
                var input = new JsonObject
                {
                    ["repositoryName"] = repositoryName,
                    ["filter"] = new JsonObject { ["tagStatus"] = "TAGGED" },
                    ["maxResults"] = 1000,
                };
                if (nextToken != null) input["nextToken"] = nextToken;
                var output = await _json.InvokeAsync("ListImages", input, cancellationToken).ConfigureAwait(false);
                tags.AddRange(Objects(output, "imageIds").Select(id => Str(id, "imageTag")).Where(tag => tag != null).Select(tag => tag!));
                nextToken = Str(output, "nextToken");
            }
            while (!string.IsNullOrEmpty(nextToken));

            return tags.Distinct(StringComparer.Ordinal).ToList();
        }

        public async Task<IReadOnlyList<EcrImageManifest>> BatchGetImageAsync(string repositoryName, IReadOnlyList<EcrImageId> imageIds,
            IReadOnlyList<string>? acceptedMediaTypes, CancellationToken cancellationToken)
        {
            var result = new List<EcrImageManifest>();
            for (var start = 0; start < imageIds.Count; start += BatchLimit)
            {
                var input = new JsonObject
                {
                    ["repositoryName"] = repositoryName,
                    ["imageIds"] = EcrParser.ImageIds(imageIds.Skip(start).Take(BatchLimit)),
                };
                if (acceptedMediaTypes != null && acceptedMediaTypes.Count > 0) input["acceptedMediaTypes"] = ToArray(acceptedMediaTypes);
                var output = await _json.InvokeAsync("BatchGetImage", input, cancellationToken).ConfigureAwait(false);
                result.AddRange(Objects(output, "images").Select(EcrParser.Image));
            }

            return result;
        }

        public async Task<EcrImageId> PutImageAsync(string repositoryName, string imageManifest, string? manifestMediaType, string imageTag,
            string? imageDigest, CancellationToken cancellationToken)
        {
            var input = new JsonObject { ["repositoryName"] = repositoryName, ["imageManifest"] = imageManifest, ["imageTag"] = imageTag };
            if (manifestMediaType != null) input["imageManifestMediaType"] = manifestMediaType;
            if (imageDigest != null) input["imageDigest"] = imageDigest;
            var expectedDigest = imageDigest ?? ManifestDigest(imageManifest);
            var output = await _json.InvokeAsync("PutImage", input, cancellationToken, async ct =>
            {
                var found = await DescribeImagesAsync(repositoryName, new[] { EcrImageId.ForTag(imageTag) }, ct).ConfigureAwait(false);
                return found.Any(image => image.ImageDigest == expectedDigest)
                    ? new JsonObject { ["image"] = new JsonObject { ["imageId"] = new JsonObject { ["imageTag"] = imageTag, ["imageDigest"] = expectedDigest } } }
                    : null;
            }).ConfigureAwait(false);
            return EcrParser.ImageId(Obj(Obj(output, "image"), "imageId"));
        }

        public async Task<IReadOnlyDictionary<string, bool>> BatchCheckLayerAvailabilityAsync(string repositoryName, IReadOnlyList<string> layerDigests,
            CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, bool>(StringComparer.Ordinal);
            for (var start = 0; start < layerDigests.Count; start += BatchLimit)
            {
                var batch = layerDigests.Skip(start).Take(BatchLimit).ToList();
                var output = await _json.InvokeAsync("BatchCheckLayerAvailability",
                    new JsonObject { ["repositoryName"] = repositoryName, ["layerDigests"] = ToArray(batch) }, cancellationToken).ConfigureAwait(false);
                foreach (var digest in batch)
                {
                    result[digest] = false;
                }

                foreach (var layer in Objects(output, "layers"))
                {
                    var digest = Str(layer, "layerDigest");
                    if (digest != null)
                    {
                        result[digest] = Str(layer, "layerAvailability") == "AVAILABLE";
                    }
                }
            }

            return result;
        }

        /// <summary>sha256:&lt;hex&gt; of the manifest bytes, as a registry computes it.</summary>
        internal static string ManifestDigest(string manifest)
        {
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(manifest));
                return "sha256:" + string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }
    }
}
