using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcsBlueGreen.Images.Archives
{
    /// <summary>
    /// Reads the classic `docker save` tar (manifest.json + config + one tar per layer) and builds the OCI
    /// image manifest that describes it. Layers are pushed as they are stored (uncompressed tars, or gzip
    /// when the file is gzip) so their digests stay equal to the config's diff_ids and nothing is
    /// recompressed into temporary files. Legacy layer paths do not carry digests, so each layer is
    /// hashed once here (streaming).
    /// </summary>
    internal static class DockerSaveReader
    {
        public static ImageArchive Read(IArchiveFiles files)
        {
            using (var doc = JsonDocument.Parse(ManifestJson.ReadAll(files, "manifest.json")))
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
                    throw ImageArchive.NotAnImage(files.Location, "manifest.json lists no image");
                if (root.GetArrayLength() > 1)
                    throw ImageArchive.NotAnImage(files.Location, $"manifest.json lists {root.GetArrayLength()} images; save one image per archive");
                var entry = root[0];
                string configPath = entry.GetProperty("Config").GetString() ?? throw new InvalidDataException("manifest.json has no Config");

                var paths = new Dictionary<string, string>(StringComparer.Ordinal);
                byte[] configBytes = ManifestJson.ReadAll(files, configPath);
                var config = new Descriptor(MediaTypes.OciConfig, Digest.Of(configBytes), configBytes.LongLength);
                paths[config.Digest] = configPath;
                string? platform;
                using (var cfg = JsonDocument.Parse(configBytes)) platform = ManifestJson.PlatformOf(cfg.RootElement);

                var layers = new List<Descriptor>();
                foreach (var layer in entry.GetProperty("Layers").EnumerateArray())
                {
                    string path = layer.GetString() ?? "";
                    long size = files.Length(path);
                    if (size < 0) throw ImageArchive.Corrupt(files.Location, $"the layer '{path}' is missing");
                    var (digest, gzip) = HashAndSniff(files, path);
                    layers.Add(new Descriptor(gzip ? MediaTypes.OciLayerGzip : MediaTypes.OciLayer, digest, size));
                    paths[digest] = path;
                }

                byte[] manifest = BuildManifest(config, layers);
                return new ImageArchive(files, "docker-save", manifest, MediaTypes.OciManifest, config, layers, platform, paths);
            }
        }

        private static (string Digest, bool Gzip) HashAndSniff(IArchiveFiles files, string path)
        {
            using (var stream = files.Open(path))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int n, first = -1, second = -1;
                long total = 0;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (total == 0) { first = buffer[0]; second = n > 1 ? buffer[1] : -1; }
                    sha.AppendData(buffer, 0, n);
                    total += n;
                }
                return ("sha256:" + Digest.ToHex(sha.GetHashAndReset()), first == 0x1f && second == 0x8b);
            }
        }

        /// <summary>Compact OCI manifest; its bytes are what gets pushed and digested.</summary>
        private static byte[] BuildManifest(Descriptor config, List<Descriptor> layers)
        {
            using (var buffer = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartObject();
                    w.WriteNumber("schemaVersion", 2);
                    w.WriteString("mediaType", MediaTypes.OciManifest);
                    w.WritePropertyName("config");
                    Write(w, config);
                    w.WriteStartArray("layers");
                    foreach (var l in layers) Write(w, l);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                return buffer.ToArray();
            }
        }

        private static void Write(Utf8JsonWriter w, Descriptor d)
        {
            w.WriteStartObject();
            w.WriteString("mediaType", d.MediaType);
            w.WriteString("digest", d.Digest);
            w.WriteNumber("size", d.Size);
            w.WriteEndObject();
        }
    }
}
