using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Images.Archives
{
    /// <summary>
    /// Reads an OCI image layout (what podman save --format oci-archive, buildx --output type=oci and
    /// docker save since 25 write): index.json → (nested indexes) → one image manifest, chosen by
    /// platform when the layout holds several.
    /// </summary>
    internal static class OciLayoutReader
    {
        public static ImageArchive Read(IArchiveFiles files, string? platform)
        {
            var candidates = new List<(Descriptor Descriptor, string? Platform)>();
            using (var index = JsonDocument.Parse(ManifestJson.ReadAll(files, "index.json")))
            {
                if (!index.RootElement.TryGetProperty("manifests", out var manifests) || manifests.GetArrayLength() == 0)
                    throw ImageArchive.NotAnImage(files.Location, "index.json lists no manifest");
                foreach (var m in manifests.EnumerateArray())
                    Collect(files, ManifestJson.ReadDescriptor(m, MediaTypes.OciManifest), IsAttestation(m), candidates, depth: 0);
            }

            var images = candidates.GroupBy(c => c.Descriptor.Digest, StringComparer.Ordinal).Select(g => g.First()).ToList();
            if (images.Count == 0) throw ImageArchive.NotAnImage(files.Location, "it holds no image manifest");
            var chosen = Choose(files.Location, images, platform);

            byte[] manifest = ManifestJson.ReadAll(files, BlobPath(chosen.Descriptor.Digest));
            if (Digest.Of(manifest) != chosen.Descriptor.Digest)
                throw ImageArchive.Corrupt(files.Location, $"the manifest {chosen.Descriptor.Digest} does not match its digest");
            var (config, layers, mediaType) = ManifestJson.ReadImageManifest(manifest, chosen.Descriptor.MediaType);

            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var blob in new[] { config }.Concat(layers))
            {
                string path = BlobPath(blob.Digest);
                long length = files.Length(path);
                if (length < 0) throw ImageArchive.Corrupt(files.Location, $"the blob {blob.Digest} is missing");
                if (length != blob.Size) throw ImageArchive.Corrupt(files.Location, $"the blob {blob.Digest} has {length} bytes, the manifest says {blob.Size}");
                paths[blob.Digest] = path;
            }
            return new ImageArchive(files, "oci-layout", manifest, mediaType, config, layers, chosen.Platform ?? ConfigPlatform(files, config), paths);
        }

        public static string BlobPath(string digest) => "blobs/sha256/" + Digest.Hex(digest);

        private static void Collect(IArchiveFiles files, Descriptor d, bool attestation, List<(Descriptor, string?)> into, int depth)
        {
            if (attestation || d.Platform == "unknown/unknown") return; // buildx provenance, not a runnable image
            if (MediaTypes.IsIndex(d.MediaType))
            {
                if (depth > 4) throw new InvalidDataException("indexes are nested too deeply");
                using (var nested = JsonDocument.Parse(ManifestJson.ReadAll(files, BlobPath(d.Digest))))
                {
                    foreach (var m in nested.RootElement.GetProperty("manifests").EnumerateArray())
                        Collect(files, ManifestJson.ReadDescriptor(m, MediaTypes.OciManifest), IsAttestation(m), into, depth + 1);
                }
                return;
            }
            if (MediaTypes.IsImageManifest(d.MediaType) || d.MediaType.Length == 0) into.Add((d, d.Platform));
        }

        private static bool IsAttestation(JsonElement descriptor) =>
            descriptor.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object &&
            a.TryGetProperty("vnd.docker.reference.type", out var t) && t.GetString() == "attestation-manifest";

        private static (Descriptor Descriptor, string? Platform) Choose(string location, List<(Descriptor Descriptor, string? Platform)> images, string? platform)
        {
            if (platform != null)
            {
                var match = images.Where(i => i.Platform != null && PlatformMatches(i.Platform, platform)).ToList();
                if (match.Count == 1) return match[0];
                if (match.Count == 0 && images.Count == 1 && images[0].Platform == null) return images[0]; // an untagged single image: trust the caller
                throw new ImagePublishException(ErrorIds.ImagePlatformNotFound,
                    $"The archive '{location}' has no image for platform '{platform}'; it has: {Describe(images)}.", platform);
            }
            if (images.Count == 1) return images[0];
            throw new ImagePublishException(ErrorIds.ImagePlatformAmbiguous,
                $"The archive '{location}' holds images for several platforms ({Describe(images)}); choose one with -Platform.", location);
        }

        private static bool PlatformMatches(string have, string want) =>
            string.Equals(have, want, StringComparison.OrdinalIgnoreCase) ||
            have.StartsWith(want + "/", StringComparison.OrdinalIgnoreCase); // linux/arm64 matches linux/arm64/v8

        private static string Describe(List<(Descriptor Descriptor, string? Platform)> images) =>
            string.Join(", ", images.Select(i => i.Platform ?? i.Descriptor.Digest));

        private static string? ConfigPlatform(IArchiveFiles files, Descriptor config)
        {
            using (var doc = JsonDocument.Parse(ManifestJson.ReadAll(files, BlobPath(config.Digest))))
            {
                return doc.RootElement.ValueKind == JsonValueKind.Object ? ManifestJson.PlatformOf(doc.RootElement) : null;
            }
        }
    }
}
