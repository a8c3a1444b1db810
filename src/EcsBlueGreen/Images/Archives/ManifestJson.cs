using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace EcsBlueGreen.Images.Archives
{
    /// <summary>Small readers for the JSON documents of an image (manifests, indexes, configs).</summary>
    internal static class ManifestJson
    {
        /// <summary>Manifests and configs are kilobytes; a cap stops a layer passed by mistake from filling memory.</summary>
        public const int MaxDocumentBytes = 8 * 1024 * 1024;

        public static byte[] ReadAll(IArchiveFiles files, string path)
        {
            long length = files.Length(path);
            if (length < 0) throw new FileNotFoundException($"'{path}' is missing.");
            if (length > MaxDocumentBytes) throw new InvalidDataException($"'{path}' is too large to be a manifest ({length} bytes).");
            using (var s = files.Open(path))
            using (var buffer = new MemoryStream((int)length))
            {
                s.CopyTo(buffer);
                return buffer.ToArray();
            }
        }

        public static Descriptor ReadDescriptor(JsonElement e, string? fallbackMediaType = null)
        {
            string mediaType = e.TryGetProperty("mediaType", out var mt) ? mt.GetString() ?? "" : fallbackMediaType ?? "";
            string digest = e.GetProperty("digest").GetString() ?? "";
            if (!Digest.IsValid(digest)) throw new InvalidDataException($"'{digest}' is not a sha256 digest.");
            long size = e.GetProperty("size").GetInt64();
            var d = new Descriptor(mediaType, digest, size);
            if (e.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
                d.Platform = PlatformOf(p);
            return d;
        }

        /// <summary>"os/architecture[/variant]" from a platform or config object.</summary>
        public static string? PlatformOf(JsonElement e)
        {
            string? os = e.TryGetProperty("os", out var o) ? o.GetString() : null;
            string? arch = e.TryGetProperty("architecture", out var a) ? a.GetString() : null;
            string? variant = e.TryGetProperty("variant", out var v) ? v.GetString() : null;
            if (os == null || arch == null) return null;
            return variant == null ? $"{os}/{arch}" : $"{os}/{arch}/{variant}";
        }

        public static (Descriptor Config, List<Descriptor> Layers, string MediaType) ReadImageManifest(byte[] manifest, string? descriptorMediaType)
        {
            using (var doc = JsonDocument.Parse(manifest))
            {
                var root = doc.RootElement;
                string mediaType = root.TryGetProperty("mediaType", out var mt) && mt.GetString() is string s ? s : descriptorMediaType ?? MediaTypes.OciManifest;
                if (!MediaTypes.IsImageManifest(mediaType)) throw new InvalidDataException($"the manifest has media type '{mediaType}', not an image manifest");
                var config = ReadDescriptor(root.GetProperty("config"));
                var layers = new List<Descriptor>();
                if (root.TryGetProperty("layers", out var ls))
                    foreach (var l in ls.EnumerateArray()) layers.Add(ReadDescriptor(l));
                return (config, layers, mediaType);
            }
        }
    }
}
