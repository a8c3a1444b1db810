using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Ecr;

public sealed class Repository
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required string Uri { get; init; }
    public required string RegistryId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string ImageTagMutability { get; set; } = "MUTABLE";
    public bool ScanOnPush { get; set; }
    public JsonArray Tags { get; set; } = new();

    /// <summary>Images by manifest digest.</summary>
    public Dictionary<string, StoredImage> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>tag -> manifest digest.</summary>
    public Dictionary<string, string> TagToDigest { get; } = new(StringComparer.Ordinal);

    /// <summary>Blobs linked to this repository (pushed here or mounted from another one).</summary>
    public HashSet<string> LinkedBlobs { get; } = new(StringComparer.Ordinal);

    public StoredImage? Find(string? tag, string? digest)
    {
        if (digest != null) return Images.GetValueOrDefault(digest);
        return tag != null && TagToDigest.TryGetValue(tag, out var d) ? Images.GetValueOrDefault(d) : null;
    }

    public IEnumerable<string> TagsOf(string digest) => TagToDigest.Where(kv => kv.Value == digest).Select(kv => kv.Key).OrderBy(t => t, StringComparer.Ordinal);

    public bool IsImmutable => ImageTagMutability.StartsWith("IMMUTABLE", StringComparison.Ordinal);
}

/// <summary>A manifest stored in a repository (image manifest or index).</summary>
public sealed class StoredImage
{
    public required string Digest { get; init; }
    public required string Manifest { get; init; }
    public required string MediaType { get; init; }
    public required DateTimeOffset PushedAt { get; init; }
    public required long SizeInBytes { get; init; }
    public string? ArtifactMediaType { get; init; }

    /// <summary>config.Labels of the image config blob (how seeded images carry SIM_ behaviour).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? LastPulledAt { get; set; }
}

public sealed class EcrState
{
    public Dictionary<string, Repository> Repositories { get; } = new(StringComparer.Ordinal);

    /// <summary>Content-addressed blob bytes shared by all repositories (digest -> bytes).</summary>
    public Dictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Registry passwords issued by GetAuthorizationToken, with their expiry (simulated time).</summary>
    public Dictionary<string, DateTimeOffset> Passwords { get; } = new(StringComparer.Ordinal);

    /// <summary>Blob uploads in progress, by upload id.</summary>
    public Dictionary<string, BlobUpload> Uploads { get; } = new(StringComparer.Ordinal);
}

public sealed class BlobUpload
{
    public required string Id { get; init; }
    public required Repository Repository { get; init; }
    public MemoryStream Data { get; } = new();
}
