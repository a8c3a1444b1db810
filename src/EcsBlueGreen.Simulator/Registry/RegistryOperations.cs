using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Ecr;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Registry;

/// <summary>The OCI distribution API over the simulated ECR (called with the world gate held).</summary>
public static class RegistryOperations
{
    public static RegistryResponse Run(World world, RegistryRoute route, HttpRequest request, byte[] body)
    {
        if (route.Action == RegistryAction.Base) return new RegistryResponse { Body = "{}"u8.ToArray(), ContentType = "application/json" };
        var repo = world.Ecr.Repositories.GetValueOrDefault(route.Repository)
            ?? throw new RegistryException(404, "NAME_UNKNOWN", $"The repository with name '{route.Repository}' does not exist in the registry with id '{world.AccountId}'");
        var baseUrl = $"{request.Scheme}://{request.Host}/v2/{repo.Name}";
        return route.Action switch
        {
            RegistryAction.ManifestGet or RegistryAction.ManifestHead => GetManifest(world, repo, route.Reference),
            RegistryAction.ManifestPut => PutManifest(world, repo, route.Reference, request, body, baseUrl),
            RegistryAction.BlobGet or RegistryAction.BlobHead => GetBlob(world, repo, route.Reference),
            RegistryAction.BlobUpload => StartUpload(world, repo, request, body, baseUrl),
            RegistryAction.BlobUploadChunk => AppendChunk(world, route.Reference, request, body, baseUrl),
            RegistryAction.BlobUploadComplete => CompleteUpload(world, route.Reference, request, body, baseUrl),
            RegistryAction.BlobUploadStatus => UploadStatus(Upload(world, route.Reference), baseUrl, 204),
            RegistryAction.BlobUploadCancel => CancelUpload(world, route.Reference),
            RegistryAction.TagsList => TagsList(repo),
            _ => throw new RegistryException(405, "UNSUPPORTED", "The operation is unsupported."),
        };
    }

    private static RegistryResponse GetManifest(World world, Repository repo, string reference)
    {
        var image = reference.StartsWith("sha256:", StringComparison.Ordinal) ? repo.Find(null, reference) : repo.Find(reference, null);
        if (image == null)
            throw new RegistryException(404, "MANIFEST_UNKNOWN", $"Requested image not found");
        image.LastPulledAt = world.Now;
        var r = new RegistryResponse { Body = Encoding.UTF8.GetBytes(image.Manifest), ContentType = image.MediaType };
        r.Headers["Docker-Content-Digest"] = image.Digest;
        return r;
    }

    private static RegistryResponse PutManifest(World world, Repository repo, string reference, HttpRequest request, byte[] body, string baseUrl)
    {
        var isDigest = reference.StartsWith("sha256:", StringComparison.Ordinal);
        var contentType = request.ContentType?.Split(';')[0].Trim();
        try
        {
            var image = ImageStore.Put(world, repo, body, contentType, isDigest ? null : reference, isDigest ? reference : null, strictTag: false);
            var r = new RegistryResponse { Status = 201 };
            r.Headers["Docker-Content-Digest"] = image.Digest;
            r.Headers["Location"] = $"{baseUrl}/manifests/{image.Digest}";
            return r;
        }
        catch (ImageStoreException e)
        {
            throw e.Error switch
            {
                ImageStoreError.LayersNotFound => new RegistryException(400, "MANIFEST_BLOB_UNKNOWN", e.Message),
                ImageStoreError.DigestMismatch => new RegistryException(400, "DIGEST_INVALID", e.Message),
                ImageStoreError.TagImmutable => new RegistryException(400, "TAG_INVALID", "tag invalid: " + e.Message),
                ImageStoreError.ManifestTooLarge => new RegistryException(413, "SIZE_INVALID", e.Message),
                _ => new RegistryException(400, "MANIFEST_INVALID", e.Message),
            };
        }
    }

    private static RegistryResponse GetBlob(World world, Repository repo, string digest)
    {
        if (!repo.LinkedBlobs.Contains(digest) || !world.Ecr.Blobs.TryGetValue(digest, out var bytes))
            throw new RegistryException(404, "BLOB_UNKNOWN", $"blob unknown to registry: {digest}");
        var r = new RegistryResponse { Body = bytes, ContentType = "application/octet-stream" };
        r.Headers["Docker-Content-Digest"] = digest;
        return r;
    }

    /// <summary>POST .../blobs/uploads/: cross-repository mount, monolithic upload (?digest=) or a new upload session.</summary>
    private static RegistryResponse StartUpload(World world, Repository repo, HttpRequest request, byte[] body, string baseUrl)
    {
        var mount = request.Query["mount"].ToString();
        if (mount.Length > 0)
        {
            var from = world.Ecr.Repositories.GetValueOrDefault(request.Query["from"].ToString());
            if (from != null && from.LinkedBlobs.Contains(mount) && world.Ecr.Blobs.ContainsKey(mount))
            {
                repo.LinkedBlobs.Add(mount);
                return Created(baseUrl, mount);
            }
        }
        var digest = request.Query["digest"].ToString();
        if (digest.Length > 0)
        {
            if (!ImageStore.PutBlob(world, repo, digest, body))
                throw new RegistryException(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
            return Created(baseUrl, digest);
        }
        var upload = new BlobUpload { Id = world.Ids.Uuid(), Repository = repo };
        world.Ecr.Uploads[upload.Id] = upload;
        upload.Data.Write(body);
        return UploadStatus(upload, baseUrl, 202);
    }

    private static BlobUpload Upload(World world, string id) =>
        world.Ecr.Uploads.GetValueOrDefault(id) ?? throw new RegistryException(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");

    private static RegistryResponse AppendChunk(World world, string id, HttpRequest request, byte[] body, string baseUrl)
    {
        var upload = Upload(world, id);
        var range = request.Headers["Content-Range"].ToString();
        if (range.Length > 0)
        {
            var parts = range.Replace("bytes=", "", StringComparison.Ordinal).Split('-');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) || start != upload.Data.Length)
            {
                var r = new RegistryResponse { Status = 416 };
                r.Headers["Location"] = $"{baseUrl}/blobs/uploads/{upload.Id}";
                r.Headers["Range"] = RangeHeader(upload);
                r.Headers["Docker-Upload-UUID"] = upload.Id;
                return r;
            }
        }
        upload.Data.Write(body);
        return UploadStatus(upload, baseUrl, 202);
    }

    private static RegistryResponse CompleteUpload(World world, string id, HttpRequest request, byte[] body, string baseUrl)
    {
        var upload = Upload(world, id);
        var digest = request.Query["digest"].ToString();
        if (digest.Length == 0) throw new RegistryException(400, "DIGEST_INVALID", "digest parameter is required");
        upload.Data.Write(body);
        if (!ImageStore.PutBlob(world, upload.Repository, digest, upload.Data.ToArray()))
            throw new RegistryException(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        world.Ecr.Uploads.Remove(upload.Id);
        return Created($"{request.Scheme}://{request.Host}/v2/{upload.Repository.Name}", digest);
    }

    private static RegistryResponse CancelUpload(World world, string id)
    {
        world.Ecr.Uploads.Remove(Upload(world, id).Id);
        return new RegistryResponse { Status = 204 };
    }

    private static RegistryResponse UploadStatus(BlobUpload upload, string baseUrl, int status)
    {
        var r = new RegistryResponse { Status = status };
        r.Headers["Location"] = $"{baseUrl}/blobs/uploads/{upload.Id}";
        r.Headers["Range"] = RangeHeader(upload);
        r.Headers["Docker-Upload-UUID"] = upload.Id;
        return r;
    }

    /// <summary>Bytes received so far, inclusive (<c>0-0</c> when nothing has arrived yet, as registries answer).</summary>
    private static string RangeHeader(BlobUpload upload) => $"0-{Math.Max(0, upload.Data.Length - 1)}";

    private static RegistryResponse Created(string baseUrl, string digest)
    {
        var r = new RegistryResponse { Status = 201 };
        r.Headers["Location"] = $"{baseUrl}/blobs/{digest}";
        r.Headers["Docker-Content-Digest"] = digest;
        return r;
    }

    private static RegistryResponse TagsList(Repository repo)
    {
        var body = new JsonObject
        {
            ["name"] = repo.Name,
            ["tags"] = new JsonArray(repo.TagToDigest.Keys.OrderBy(t => t, StringComparer.Ordinal).Select(t => (JsonNode)t).ToArray()),
        };
        return new RegistryResponse { Body = Encoding.UTF8.GetBytes(body.ToJsonString()), ContentType = "application/json" };
    }
}
