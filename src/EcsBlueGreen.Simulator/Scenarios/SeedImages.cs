using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Ecr;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Scenarios;

/// <summary>
/// Real, tiny OCI images (a config blob whose Labels carry the SIM_ behaviour, one gzip layer),
/// stored through the same path as a push, so they can be pulled through /v2 and retagged.
/// </summary>
public static class SeedImages
{
    public static StoredImage Push(World world, Repository repo, string tag, IReadOnlyDictionary<string, string> labels)
    {
        var tar = Tar($"{repo.Name} {tag}\n");
        var layer = Gzip(tar);
        var labelNode = new JsonObject { ["org.opencontainers.image.version"] = tag };
        foreach (var (k, v) in labels) labelNode[k] = v;
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["created"] = "2026-01-01T00:00:00Z",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ["Cmd"] = new JsonArray("/app/run"),
                ["ExposedPorts"] = new JsonObject { ["8080/tcp"] = new JsonObject() },
                ["Labels"] = labelNode,
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(ImageStore.Digest(tar)) },
        };
        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        ImageStore.PutBlob(world, repo, ImageStore.Digest(configBytes), configBytes);
        ImageStore.PutBlob(world, repo, ImageStore.Digest(layer), layer);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ImageStore.OciManifest,
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = ImageStore.Digest(configBytes), ["size"] = configBytes.Length },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip", ["digest"] = ImageStore.Digest(layer), ["size"] = layer.Length }),
        };
        return ImageStore.Put(world, repo, Encoding.UTF8.GetBytes(manifest.ToJsonString()), null, tag, null, strictTag: false);
    }

    private static byte[] Tar(string content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "app/VERSION")
            {
                ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
            };
            writer.WriteEntry(entry);
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }
}
