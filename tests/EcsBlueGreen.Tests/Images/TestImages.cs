using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace EcsBlueGreen.Tests.Images
{
    /// <summary>A small image made up in the test: gzip layers of random bytes plus an OCI config.</summary>
    internal sealed class TestImage
    {
        public List<(byte[] Gzip, string Digest, string DiffId)> Layers { get; } = new();
        public byte[] Config { get; private set; } = Array.Empty<byte>();
        public byte[] Manifest { get; private set; } = Array.Empty<byte>();
        public string ConfigDigest => Sha(Config);
        public string ManifestDigest => Sha(Manifest);

        public static TestImage Create(int layers = 3, int layerBytes = 4096, int seed = 1, string platform = "linux/amd64")
        {
            var image = new TestImage();
            var random = new Random(seed);
            for (int i = 0; i < layers; i++)
            {
                var payload = new byte[layerBytes];
                random.NextBytes(payload);
                byte[] tar = TarOf(($"layer{i}/data.bin", payload));
                byte[] gzip = Gzip(tar);
                image.Layers.Add((gzip, Sha(gzip), Sha(tar)));
            }
            string[] p = platform.Split('/');
            var config = new JsonObject
            {
                ["architecture"] = p[1],
                ["os"] = p[0],
                ["config"] = new JsonObject { ["Cmd"] = new JsonArray("/bin/app") },
                ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(image.Layers.Select(l => (JsonNode)l.DiffId).ToArray()) },
            };
            image.Config = Encoding.UTF8.GetBytes(config.ToJsonString());
            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["config"] = Desc("application/vnd.oci.image.config.v1+json", image.Config),
                ["layers"] = new JsonArray(image.Layers.Select(l => (JsonNode)Desc("application/vnd.oci.image.layer.v1.tar+gzip", l.Gzip)).ToArray()),
            };
            image.Manifest = Encoding.UTF8.GetBytes(manifest.ToJsonString());
            return image;
        }

        public IEnumerable<(string Digest, byte[] Bytes)> AllBlobs() =>
            new[] { (ConfigDigest, Config) }.Concat(Layers.Select(l => (l.Digest, l.Gzip))).Append((ManifestDigest, Manifest));

        /// <summary>The OCI image layout as a directory.</summary>
        public string WriteOciDirectory(string dir, bool withIndexWrapper = false)
        {
            Directory.CreateDirectory(Path.Combine(dir, "blobs", "sha256"));
            foreach (var (digest, bytes) in AllBlobs()) File.WriteAllBytes(Path.Combine(dir, "blobs", "sha256", digest[7..]), bytes);
            File.WriteAllText(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            File.WriteAllText(Path.Combine(dir, "index.json"), IndexJson(withIndexWrapper, dir));
            return dir;
        }

        /// <summary>The OCI image layout as a tar (what podman save --format oci-archive writes).</summary>
        public string WriteOciTar(string path)
        {
            string dir = Path.Combine(Path.GetTempPath(), "ecsbg-test-" + Guid.NewGuid().ToString("N"));
            try
            {
                WriteOciDirectory(dir);
                using var file = File.Create(path);
                using var writer = new TarWriter(file, TarEntryFormat.Pax);
                writer.WriteEntry(Path.Combine(dir, "oci-layout"), "oci-layout");
                writer.WriteEntry(Path.Combine(dir, "index.json"), "index.json");
                foreach (var f in Directory.GetFiles(Path.Combine(dir, "blobs", "sha256")))
                    writer.WriteEntry(f, "blobs/sha256/" + Path.GetFileName(f));
                return path;
            }
            finally { Directory.Delete(dir, true); }
        }

        /// <summary>The classic docker save layout: manifest.json + config + &lt;id&gt;/layer.tar (uncompressed).</summary>
        public string WriteDockerSave(string path)
        {
            using var file = File.Create(path);
            using var writer = new TarWriter(file, TarEntryFormat.Ustar);
            var layerPaths = new List<string>();
            foreach (var (gzip, _, diffId) in Layers)
            {
                string id = diffId[7..];
                Add(writer, $"{id}/layer.tar", Gunzip(gzip));
                layerPaths.Add($"{id}/layer.tar");
            }
            string configName = ConfigDigest[7..] + ".json";
            Add(writer, configName, Config);
            var manifest = new JsonArray(new JsonObject
            {
                ["Config"] = configName,
                ["RepoTags"] = new JsonArray("test:latest"),
                ["Layers"] = new JsonArray(layerPaths.Select(p => (JsonNode)p).ToArray()),
            });
            Add(writer, "manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()));
            return path;
        }

        private string IndexJson(bool withIndexWrapper, string dir)
        {
            var manifestDesc = Desc("application/vnd.oci.image.manifest.v1+json", Manifest);
            manifestDesc["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = "latest" };
            if (!withIndexWrapper)
                return new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(manifestDesc) }.ToJsonString();
            // A nested index, as docker save (containerd store) writes it.
            var inner = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.index.v1+json",
                ["manifests"] = new JsonArray(Desc("application/vnd.oci.image.manifest.v1+json", Manifest)),
            }.ToJsonString());
            File.WriteAllBytes(Path.Combine(dir, "blobs", "sha256", Sha(inner)[7..]), inner);
            return new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(Desc("application/vnd.oci.image.index.v1+json", inner)) }.ToJsonString();
        }

        public static JsonObject Desc(string mediaType, byte[] content) =>
            new() { ["mediaType"] = mediaType, ["digest"] = Sha(content), ["size"] = content.Length };

        public static string Sha(byte[] bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

        public static byte[] TarOf(params (string Name, byte[] Data)[] files)
        {
            using var buffer = new MemoryStream();
            using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
                foreach (var (name, data) in files) Add(writer, name, data);
            return buffer.ToArray();
        }

        private static void Add(TarWriter writer, string name, byte[] data)
        {
            // Fixed times: the same inputs must give the same layer digests (pax would add atime/ctime of now).
            TarEntry entry = writer.Format == TarEntryFormat.Pax && name.Length > 100
                ? new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) }
                : new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) };
            entry.ModificationTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            writer.WriteEntry(entry);
        }

        public static byte[] Gzip(byte[] data)
        {
            using var buffer = new MemoryStream();
            using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
            return buffer.ToArray();
        }

        public static byte[] Gunzip(byte[] data)
        {
            using var gz = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gz.CopyTo(buffer);
            return buffer.ToArray();
        }
    }

    /// <summary>A temp directory removed at Dispose.</summary>
    internal sealed class TempDir : IDisposable
    {
        public TempDir() => Directory.CreateDirectory(Path);
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ecsbg-test-" + Guid.NewGuid().ToString("N"));
        public string File(string name) => System.IO.Path.Combine(Path, name);
        public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
    }
}
