using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Ecr;

public enum ImageStoreError { InvalidManifest, LayersNotFound, ImageAlreadyExists, TagImmutable, DigestMismatch, ManifestTooLarge }

public sealed class ImageStoreException(ImageStoreError error, string message) : Exception(message)
{
    public ImageStoreError Error { get; } = error;
}

/// <summary>
/// Storing a manifest under a digest (and maybe a tag) in a repository, shared by ECR PutImage,
/// the registry's manifest PUT and the scenarios, so all three obey the same rules.
/// </summary>
public static class ImageStore
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    public static readonly IReadOnlySet<string> MediaTypes = new HashSet<string> { OciManifest, OciIndex, DockerManifest, DockerManifestList };

    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <param name="strictTag">ECR PutImage refuses a no-op (ImageAlreadyExistsException); the registry accepts it.</param>
    public static StoredImage Put(World world, Repository repo, byte[] manifestBytes, string? mediaType, string? tag, string? expectedDigest, bool strictTag)
    {
        if (manifestBytes.Length > 4 * 1024 * 1024) throw new ImageStoreException(ImageStoreError.ManifestTooLarge, "Manifest exceeds the maximum size of 4 MiB.");
        JsonObject manifest;
        try { manifest = JsonNode.Parse(manifestBytes) as JsonObject ?? throw new JsonException(); }
        catch (JsonException) { throw new ImageStoreException(ImageStoreError.InvalidManifest, "Invalid parameter at 'imageManifest' failed to satisfy constraint: 'Invalid JSON syntax'"); }

        var type = manifest["mediaType"]?.GetValue<string>() ?? mediaType;
        if (type == null || !MediaTypes.Contains(type))
            throw new ImageStoreException(ImageStoreError.InvalidManifest, $"Invalid parameter at 'imageManifestMediaType' failed to satisfy constraint: 'unsupported media type {type}'");
        var digest = Digest(manifestBytes);
        if (expectedDigest != null && expectedDigest != digest)
            throw new ImageStoreException(ImageStoreError.DigestMismatch, $"Invalid parameter at 'imageDigest' failed to satisfy constraint: 'computed digest {digest} does not match {expectedDigest}'");

        long size;
        IReadOnlyDictionary<string, string> labels = new Dictionary<string, string>();
        if (type is OciIndex or DockerManifestList)
        {
            var children = (manifest["manifests"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().ToList();
            var missing = children.Select(c => c["digest"]?.GetValue<string>()).Where(d => d == null || !repo.Images.ContainsKey(d)).ToList();
            if (missing.Count > 0)
                throw new ImageStoreException(ImageStoreError.LayersNotFound, $"The following referenced images were not found: [{string.Join(", ", missing)}]");
            size = children.Sum(c => repo.Images[c["digest"]!.GetValue<string>()].SizeInBytes);
        }
        else
        {
            var config = manifest["config"] as JsonObject;
            var layers = (manifest["layers"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().ToList();
            var referenced = layers.Prepend(config).Where(x => x != null).Select(x => x!["digest"]?.GetValue<string>() ?? "").ToList();
            var missing = referenced.Where(d => !repo.LinkedBlobs.Contains(d) || !world.Ecr.Blobs.ContainsKey(d)).ToList();
            if (config == null || missing.Count > 0)
                throw new ImageStoreException(ImageStoreError.LayersNotFound, $"Layers with digests '[{string.Join(", ", missing)}]' required for pushing image into repository with name '{repo.Name}' in the registry with id '{repo.RegistryId}' do not exist");
            size = referenced.Sum(d => (long)world.Ecr.Blobs[d].Length);
            labels = ReadLabels(world.Ecr.Blobs[referenced[0]]);
        }

        var existing = repo.Images.GetValueOrDefault(digest);
        if (tag != null && repo.TagToDigest.TryGetValue(tag, out var current))
        {
            if (current == digest && strictTag)
                throw new ImageStoreException(ImageStoreError.ImageAlreadyExists,
                    $"Image with digest '{digest}' and tag '{tag}' already exists in the repository with name '{repo.Name}' in registry with id '{repo.RegistryId}'");
            if (current != digest && repo.IsImmutable)
                throw new ImageStoreException(ImageStoreError.TagImmutable,
                    $"The image tag '{tag}' already exists in the '{repo.Name}' repository and cannot be overwritten because the repository is immutable.");
        }
        else if (tag == null && existing != null && strictTag)
        {
            throw new ImageStoreException(ImageStoreError.ImageAlreadyExists,
                $"Image with digest '{digest}' already exists in the repository with name '{repo.Name}' in registry with id '{repo.RegistryId}'");
        }

        var image = existing ?? new StoredImage
        {
            Digest = digest,
            Manifest = Encoding.UTF8.GetString(manifestBytes),
            MediaType = type,
            PushedAt = world.Now,
            SizeInBytes = size,
            ArtifactMediaType = (manifest["config"] as JsonObject)?["mediaType"]?.GetValue<string>(),
            Labels = labels,
        };
        repo.Images[digest] = image;
        if (tag != null) repo.TagToDigest[tag] = digest;
        return image;
    }

    private static IReadOnlyDictionary<string, string> ReadLabels(byte[] configBlob)
    {
        try
        {
            if (JsonNode.Parse(configBlob)?["config"]?["Labels"] is JsonObject labels)
                return labels.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString());
        }
        catch (JsonException) { }
        return new Dictionary<string, string>();
    }

    /// <summary>Stores a blob and links it to a repository; the digest must match the bytes.</summary>
    public static bool PutBlob(World world, Repository repo, string expectedDigest, byte[] bytes)
    {
        if (Digest(bytes) != expectedDigest) return false;
        world.Ecr.Blobs[expectedDigest] = bytes;
        repo.LinkedBlobs.Add(expectedDigest);
        return true;
    }
}
