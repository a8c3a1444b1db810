using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace EcsBlueGreen.NetFramework.Images
{
    /// <summary>
    /// A small OCI image layout in a tar file, made here byte by byte (.NET Framework has no tar writer):
    /// gzip layers of seeded random bytes, an OCI config, a manifest and index.json.
    /// </summary>
    internal sealed class OciArchive
    {
        private OciArchive(string path, string manifestDigest, string manifestJson, IReadOnlyList<string> blobDigests)
        {
            Path = path;
            ManifestDigest = manifestDigest;
            ManifestJson = manifestJson;
            BlobDigests = blobDigests;
        }

        public string Path { get; }
        public string ManifestDigest { get; }
        public string ManifestJson { get; }

        /// <summary>Layers, then the config.</summary>
        public IReadOnlyList<string> BlobDigests { get; }

        public static OciArchive Write(string path, int layers, int layerBytes, int seed)
        {
            var random = new Random(seed);
            var blobs = new List<KeyValuePair<string, byte[]>>();
            var layerJson = new List<string>();
            for (var i = 1; i <= layers; i++)
            {
                var payload = new byte[layerBytes];
                random.NextBytes(payload);
                var layer = Gzip(Tar(new[] { new KeyValuePair<string, byte[]>($"layer{i}/data.bin", payload) }));
                var digest = Digest(layer);
                blobs.Add(new KeyValuePair<string, byte[]>(digest, layer));
                layerJson.Add($"{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{digest}\",\"size\":{layer.Length}}}");
            }

            var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/app\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
            var configDigest = Digest(config);
            blobs.Add(new KeyValuePair<string, byte[]>(configDigest, config));
            var manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
                           $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}}," +
                           $"\"layers\":[{string.Join(",", layerJson)}]}}";
            var manifestBytes = Encoding.UTF8.GetBytes(manifest);
            var manifestDigest = Digest(manifestBytes);
            var index = $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{manifestDigest}\",\"size\":{manifestBytes.Length}}}]}}";

            var entries = new List<KeyValuePair<string, byte[]>>
            {
                new KeyValuePair<string, byte[]>("oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}")),
                new KeyValuePair<string, byte[]>("index.json", Encoding.UTF8.GetBytes(index)),
                new KeyValuePair<string, byte[]>("blobs/sha256/" + manifestDigest.Substring(7), manifestBytes),
            };
            entries.AddRange(blobs.Select(b => new KeyValuePair<string, byte[]>("blobs/sha256/" + b.Key.Substring(7), b.Value)));
            File.WriteAllBytes(path, Tar(entries));
            return new OciArchive(path, manifestDigest, manifest, blobs.Select(b => b.Key).ToList());
        }

        public static string Digest(byte[] bytes)
        {
            using (var sha = SHA256.Create())
            {
                return "sha256:" + string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        private static byte[] Gzip(byte[] data)
        {
            using (var output = new MemoryStream())
            {
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(data, 0, data.Length);
                }

                return output.ToArray();
            }
        }

        /// <summary>POSIX ustar: a 512-byte header per file, data padded to 512, two zero blocks at the end.</summary>
        private static byte[] Tar(IEnumerable<KeyValuePair<string, byte[]>> files)
        {
            using (var tar = new MemoryStream())
            {
                foreach (var file in files)
                {
                    var header = new byte[512];
                    Put(header, 0, 100, file.Key);
                    Put(header, 100, 8, "0000644");
                    Put(header, 108, 8, "0000000");
                    Put(header, 116, 8, "0000000");
                    Put(header, 124, 12, Convert.ToString(file.Value.Length, 8).PadLeft(11, '0'));
                    Put(header, 136, 12, Convert.ToString(1577836800L, 8).PadLeft(11, '0'));
                    header[156] = (byte)'0';
                    Put(header, 257, 6, "ustar");
                    Put(header, 263, 2, "00");
                    for (var i = 148; i < 156; i++) header[i] = (byte)' ';
                    var sum = header.Sum(b => (int)b);
                    Put(header, 148, 7, Convert.ToString(sum, 8).PadLeft(6, '0'));
                    tar.Write(header, 0, header.Length);
                    tar.Write(file.Value, 0, file.Value.Length);
                    var padding = (512 - file.Value.Length % 512) % 512;
                    tar.Write(new byte[padding], 0, padding);
                }

                tar.Write(new byte[1024], 0, 1024);
                return tar.ToArray();
            }
        }

        private static void Put(byte[] header, int offset, int length, string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            if (bytes.Length > length) throw new ArgumentException($"'{text}' does not fit in {length} bytes.");
            Array.Copy(bytes, 0, header, offset, bytes.Length);
        }
    }
}
