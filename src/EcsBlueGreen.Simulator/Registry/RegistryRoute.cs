namespace EcsBlueGreen.Simulator.Registry;

public enum RegistryAction
{
    Base, ManifestGet, ManifestHead, ManifestPut, ManifestDelete, BlobGet, BlobHead,
    BlobUpload, BlobUploadChunk, BlobUploadComplete, BlobUploadStatus, BlobUploadCancel, TagsList, Unknown,
}

/// <summary>
/// Parses <c>/v2/&lt;name&gt;/...</c>. Repository names may contain slashes, so the name is everything
/// before the last <c>/manifests/</c>, <c>/blobs/</c> or <c>/tags/list</c> part.
/// </summary>
public sealed record RegistryRoute(RegistryAction Action, string Repository, string Reference)
{
    public static RegistryRoute Parse(string method, string rest)
    {
        rest = rest.Trim('/');
        if (rest.Length == 0) return new(RegistryAction.Base, "", "");
        int i;
        if ((i = rest.LastIndexOf("/blobs/uploads", StringComparison.Ordinal)) > 0)
        {
            var name = rest[..i];
            var uuid = rest[(i + "/blobs/uploads".Length)..].Trim('/');
            var action = (method, uuid.Length == 0) switch
            {
                ("POST", true) => RegistryAction.BlobUpload,
                ("PATCH", false) => RegistryAction.BlobUploadChunk,
                ("PUT", false) => RegistryAction.BlobUploadComplete,
                ("GET", false) => RegistryAction.BlobUploadStatus,
                ("DELETE", false) => RegistryAction.BlobUploadCancel,
                _ => RegistryAction.Unknown,
            };
            return new(action, name, uuid);
        }
        if ((i = rest.LastIndexOf("/manifests/", StringComparison.Ordinal)) > 0)
        {
            var action = method switch
            {
                "GET" => RegistryAction.ManifestGet,
                "HEAD" => RegistryAction.ManifestHead,
                "PUT" => RegistryAction.ManifestPut,
                "DELETE" => RegistryAction.ManifestDelete,
                _ => RegistryAction.Unknown,
            };
            return new(action, rest[..i], rest[(i + "/manifests/".Length)..]);
        }
        if ((i = rest.LastIndexOf("/blobs/", StringComparison.Ordinal)) > 0)
        {
            var action = method switch { "GET" => RegistryAction.BlobGet, "HEAD" => RegistryAction.BlobHead, _ => RegistryAction.Unknown };
            return new(action, rest[..i], rest[(i + "/blobs/".Length)..]);
        }
        if (rest.EndsWith("/tags/list", StringComparison.Ordinal) && method == "GET")
            return new(RegistryAction.TagsList, rest[..^"/tags/list".Length], "");
        return new(RegistryAction.Unknown, "", "");
    }
}

/// <summary>An OCI distribution error: <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
public sealed class RegistryException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>What an action answers; written by the endpoint (HEAD leaves the body out).</summary>
public sealed class RegistryResponse
{
    public int Status { get; init; } = 200;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public byte[] Body { get; init; } = Array.Empty<byte>();
    public string? ContentType { get; init; }
}
