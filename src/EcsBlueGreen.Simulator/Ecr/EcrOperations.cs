using System.Text;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Protocol;
using static EcsBlueGreen.Simulator.Protocol.JsonInput;

namespace EcsBlueGreen.Simulator.Ecr;

/// <summary>The ECR operations the simulator answers (X-Amz-Target AmazonEC2ContainerRegistry_V20150921.*).</summary>
public static class EcrOperations
{
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921";

    public static readonly IReadOnlyDictionary<string, JsonOperation> All = new Dictionary<string, JsonOperation>
    {
        ["GetAuthorizationToken"] = GetAuthorizationToken,
        ["DescribeRepositories"] = DescribeRepositories,
        ["CreateRepository"] = CreateRepository,
        ["DescribeImages"] = DescribeImages,
        ["ListImages"] = ListImages,
        ["BatchGetImage"] = BatchGetImage,
        ["PutImage"] = PutImage,
        ["BatchCheckLayerAvailability"] = BatchCheckLayerAvailability,
    };

    private static Repository Repo(World world, JsonObject input)
    {
        var name = input.RequiredStr("repositoryName");
        return world.Ecr.Repositories.GetValueOrDefault(name)
            ?? throw new AwsException("RepositoryNotFoundException", $"The repository with name '{name}' does not exist in the registry with id '{world.AccountId}'");
    }

    private static JsonObject GetAuthorizationToken(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var password = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"payload\":\"{world.Ids.Alphanumeric(48)}\",\"version\":\"2\",\"type\":\"DATA_KEY\"}}"));
        var expires = world.Now.AddHours(12);
        world.Ecr.Passwords[password] = expires;
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + password));
        return new JsonObject
        {
            ["authorizationData"] = new JsonArray(new JsonObject
            {
                ["authorizationToken"] = token,
                ["expiresAt"] = Epoch(expires),
                ["proxyEndpoint"] = ctx.SelfEndpoint,
            }),
        };
    }

    private static JsonObject RepositoryView(Repository r) => new()
    {
        ["repositoryArn"] = r.Arn,
        ["registryId"] = r.RegistryId,
        ["repositoryName"] = r.Name,
        ["repositoryUri"] = r.Uri,
        ["createdAt"] = Epoch(r.CreatedAt),
        ["imageTagMutability"] = r.ImageTagMutability,
        ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = r.ScanOnPush },
        ["encryptionConfiguration"] = new JsonObject { ["encryptionType"] = "AES256" },
    };

    private static JsonObject DescribeRepositories(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var names = input.StrList("repositoryNames");
        var repos = names.Count == 0
            ? world.Ecr.Repositories.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList()
            : names.Select(n => world.Ecr.Repositories.GetValueOrDefault(n)
                ?? throw new AwsException("RepositoryNotFoundException", $"The repository with name '{n}' does not exist in the registry with id '{world.AccountId}'")).ToList();
        var (page, next) = Pagination.Page(repos, input.Str("nextToken"), input.Int("maxResults"), 100, 1000);
        return new JsonObject { ["repositories"] = new JsonArray(page.Select(r => (JsonNode)RepositoryView(r)).ToArray()) }.Put("nextToken", next);
    }

    private static JsonObject CreateRepository(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var name = input.RequiredStr("repositoryName");
        if (world.Ecr.Repositories.ContainsKey(name))
            throw new AwsException("RepositoryAlreadyExistsException", $"The repository with name '{name}' already exists in the registry with id '{world.AccountId}'");
        var mutability = input.Str("imageTagMutability") ?? "MUTABLE";
        if (mutability is not ("MUTABLE" or "IMMUTABLE" or "IMMUTABLE_WITH_EXCLUSION" or "MUTABLE_WITH_EXCLUSION"))
            throw AwsException.InvalidParameter($"Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set'");
        var repo = Scenarios.WorldBuilder.Repository(world, name, mutability);
        repo.ScanOnPush = input.Obj("imageScanningConfiguration")?.Bool("scanOnPush") ?? false;
        repo.Tags = (JsonArray?)input.Arr("tags")?.DeepClone() ?? new JsonArray();
        return new JsonObject { ["repository"] = RepositoryView(repo) };
    }

    private static IEnumerable<(JsonObject Id, StoredImage? Image)> Resolve(Repository repo, JsonObject input) =>
        (input.Arr("imageIds") ?? new JsonArray()).OfType<JsonObject>().Select(id => (id, repo.Find(id.Str("imageTag"), id.Str("imageDigest"))));

    private static JsonObject ImageDetail(World world, Repository repo, StoredImage image)
    {
        var o = new JsonObject
        {
            ["registryId"] = repo.RegistryId,
            ["repositoryName"] = repo.Name,
            ["imageDigest"] = image.Digest,
        };
        var tags = repo.TagsOf(image.Digest).ToList();
        if (tags.Count > 0) o["imageTags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        o["imageSizeInBytes"] = image.SizeInBytes;
        o["imagePushedAt"] = Epoch(image.PushedAt);
        o["imageManifestMediaType"] = image.MediaType;
        o.Put("artifactMediaType", image.ArtifactMediaType);
        o.Put("lastRecordedPullTime", Epoch(image.LastPulledAt));
        o["imageStatus"] = "ACTIVE";
        return o;
    }

    private static JsonObject DescribeImages(OperationContext ctx, JsonObject input)
    {
        var world = ctx.World;
        var repo = Repo(world, input);
        List<StoredImage> images;
        if (input.Arr("imageIds") is { Count: > 0 })
        {
            images = new List<StoredImage>();
            foreach (var (id, image) in Resolve(repo, input))
            {
                if (image == null)
                    throw new AwsException("ImageNotFoundException",
                        $"The image with imageId {{imageDigest:'{id.Str("imageDigest") ?? "null"}', imageTag:'{id.Str("imageTag") ?? "null"}'}} does not exist within the repository with name '{repo.Name}' in the registry with id '{repo.RegistryId}'");
                if (!images.Contains(image)) images.Add(image);
            }
        }
        else
        {
            var tagStatus = input.Obj("filter")?.Str("tagStatus") ?? "ANY";
            images = repo.Images.Values.OrderBy(i => i.PushedAt).ThenBy(i => i.Digest, StringComparer.Ordinal)
                .Where(i => tagStatus == "ANY" || (tagStatus == "TAGGED") == repo.TagsOf(i.Digest).Any()).ToList();
        }
        var (page, next) = Pagination.Page(images, input.Str("nextToken"), input.Int("maxResults"), 100, 1000);
        return new JsonObject { ["imageDetails"] = new JsonArray(page.Select(i => (JsonNode)ImageDetail(world, repo, i)).ToArray()) }.Put("nextToken", next);
    }

    private static JsonObject ListImages(OperationContext ctx, JsonObject input)
    {
        var repo = Repo(ctx.World, input);
        var ids = new List<JsonObject>();
        foreach (var image in repo.Images.Values.OrderBy(i => i.PushedAt))
        {
            var tags = repo.TagsOf(image.Digest).ToList();
            if (tags.Count == 0) ids.Add(new JsonObject { ["imageDigest"] = image.Digest });
            foreach (var t in tags) ids.Add(new JsonObject { ["imageDigest"] = image.Digest, ["imageTag"] = t });
        }
        var (page, next) = Pagination.Page(ids, input.Str("nextToken"), input.Int("maxResults"), 100, 1000);
        return new JsonObject { ["imageIds"] = new JsonArray(page.Select(i => (JsonNode)i).ToArray()) }.Put("nextToken", next);
    }

    private static JsonObject BatchGetImage(OperationContext ctx, JsonObject input)
    {
        var repo = Repo(ctx.World, input);
        var images = new JsonArray();
        var failures = new JsonArray();
        foreach (var (id, image) in Resolve(repo, input))
        {
            if (image == null)
            {
                failures.Add(new JsonObject { ["imageId"] = id.DeepClone(), ["failureCode"] = "ImageNotFound", ["failureReason"] = "Requested image not found" });
                continue;
            }
            image.LastPulledAt = ctx.World.Now;
            var imageId = new JsonObject { ["imageDigest"] = image.Digest };
            imageId.Put("imageTag", id.Str("imageTag"));
            images.Add(new JsonObject
            {
                ["registryId"] = repo.RegistryId,
                ["repositoryName"] = repo.Name,
                ["imageId"] = imageId,
                ["imageManifest"] = image.Manifest,
                ["imageManifestMediaType"] = image.MediaType,
            });
        }
        return new JsonObject { ["images"] = images, ["failures"] = failures };
    }

    private static JsonObject PutImage(OperationContext ctx, JsonObject input)
    {
        var repo = Repo(ctx.World, input);
        var manifest = input.RequiredStr("imageManifest");
        var tag = input.Str("imageTag");
        try
        {
            var image = ImageStore.Put(ctx.World, repo, Encoding.UTF8.GetBytes(manifest), input.Str("imageManifestMediaType"), tag, input.Str("imageDigest"), strictTag: true);
            var imageId = new JsonObject { ["imageDigest"] = image.Digest };
            imageId.Put("imageTag", tag);
            return new JsonObject
            {
                ["image"] = new JsonObject
                {
                    ["registryId"] = repo.RegistryId,
                    ["repositoryName"] = repo.Name,
                    ["imageId"] = imageId,
                    ["imageManifest"] = image.Manifest,
                    ["imageManifestMediaType"] = image.MediaType,
                },
            };
        }
        catch (ImageStoreException e)
        {
            throw e.Error switch
            {
                ImageStoreError.ImageAlreadyExists => new AwsException("ImageAlreadyExistsException", e.Message),
                ImageStoreError.TagImmutable => new AwsException("ImageTagAlreadyExistsException", e.Message),
                ImageStoreError.LayersNotFound => new AwsException("LayersNotFoundException", e.Message),
                ImageStoreError.DigestMismatch => new AwsException("ImageDigestDoesNotMatchException", e.Message),
                _ => AwsException.InvalidParameter(e.Message),
            };
        }
    }

    private static JsonObject BatchCheckLayerAvailability(OperationContext ctx, JsonObject input)
    {
        var repo = Repo(ctx.World, input);
        var layers = new JsonArray();
        var failures = new JsonArray();
        foreach (var digest in input.StrList("layerDigests"))
        {
            if (!digest.StartsWith("sha256:", StringComparison.Ordinal))
                failures.Add(new JsonObject { ["layerDigest"] = digest, ["failureCode"] = "InvalidLayerDigest", ["failureReason"] = "Invalid layer digest" });
            else if (repo.LinkedBlobs.Contains(digest) && ctx.World.Ecr.Blobs.TryGetValue(digest, out var bytes))
                layers.Add(new JsonObject { ["layerDigest"] = digest, ["layerAvailability"] = "AVAILABLE", ["layerSize"] = bytes.LongLength, ["mediaType"] = "application/vnd.docker.container.image.rootfs.diff+x-gtar" });
            else
                failures.Add(new JsonObject { ["layerDigest"] = digest, ["failureCode"] = "MissingLayerDigest", ["failureReason"] = "Could not find layer" });
        }
        return new JsonObject { ["layers"] = layers, ["failures"] = failures };
    }
}
