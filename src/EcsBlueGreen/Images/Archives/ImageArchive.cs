using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// One image read from an archive on disk: a docker-save tar, or an OCI image layout (directory, tar,
    /// or gzip-compressed tar). Holds the manifest bytes exactly as they will be pushed (the digest is
    /// theirs) and opens blobs on demand, never loading a layer into memory.
    /// </summary>
    public sealed class ImageArchive : IPushableImage, IDisposable
    {
        private readonly Archives.IArchiveFiles _files;
        private readonly IReadOnlyDictionary<string, string> _blobPaths;

        internal ImageArchive(Archives.IArchiveFiles files, string format, byte[] manifest, string mediaType, Descriptor config,
            IReadOnlyList<Descriptor> layers, string? platform, IReadOnlyDictionary<string, string> blobPaths)
        {
            _files = files;
            Format = format;
            ManifestBytes = manifest;
            ManifestMediaType = mediaType;
            ManifestDigest = Digest.Of(manifest);
            Config = config;
            Layers = layers;
            Platform = platform;
            _blobPaths = blobPaths;
        }

        /// <summary>"oci-layout" or "docker-save".</summary>
        public string Format { get; }
        public string Location => _files.Location;
        public byte[] ManifestBytes { get; }
        public string ManifestMediaType { get; }
        public string ManifestDigest { get; }
        public Descriptor Config { get; }
        public IReadOnlyList<Descriptor> Layers { get; }
        public string? Platform { get; }

        /// <summary>Config first, then layers, each digest once (an image may repeat a layer).</summary>
        public IReadOnlyList<Descriptor> Blobs =>
            new[] { Config }.Concat(Layers).GroupBy(d => d.Digest, StringComparer.Ordinal).Select(g => g.First()).ToList();

        /// <summary>Config + layers + manifest, what the image occupies in the registry.</summary>
        public long TotalSize => Blobs.Sum(b => b.Size) + ManifestBytes.LongLength;

        /// <summary>An independent stream over one blob's bytes (safe to call from several threads).</summary>
        public Stream OpenBlob(string digest)
        {
            if (!_blobPaths.TryGetValue(digest, out var path)) throw new KeyNotFoundException($"The archive has no blob {digest}.");
            return _files.Open(path);
        }

        /// <summary>Reads and checks an archive. <paramref name="platform"/> ("linux/amd64") picks one image
        /// from a multi-platform index. Throws <see cref="ImagePublishException"/> for anything that is not
        /// a usable image, before anything is sent anywhere.</summary>
        public static ImageArchive Open(string path, string? platform = null)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new ImagePublishException(ErrorIds.ImageArchiveNotFound, $"The image archive '{path}' does not exist.", path);

            Archives.IArchiveFiles files;
            try
            {
                files = Directory.Exists(path) ? new Archives.DirectoryFiles(path) : (Archives.IArchiveFiles)Archives.TarFiles.OpenFile(path);
            }
            catch (InvalidDataException e)
            {
                throw NotAnImage(path, "it is neither a directory nor a tar file (" + e.Message + ")", e);
            }

            try
            {
                if (files.Exists("index.json") && (files.Exists("oci-layout") || !files.Exists("manifest.json")))
                    return Archives.OciLayoutReader.Read(files, platform);
                if (files.Exists("manifest.json"))
                    return Archives.DockerSaveReader.Read(files);
                throw NotAnImage(path, "it holds neither an OCI layout (oci-layout, index.json) nor a docker-save manifest.json");
            }
            catch (ImagePublishException)
            {
                files.Dispose();
                throw;
            }
            catch (Exception e) when (e is JsonException || e is InvalidDataException || e is FormatException || e is KeyNotFoundException || e is InvalidOperationException)
            {
                files.Dispose();
                throw NotAnImage(path, e.Message, e);
            }
        }

        internal static ImagePublishException NotAnImage(string path, string why, Exception? inner = null) =>
            new ImagePublishException(ErrorIds.ImageArchiveNotAnImage, $"'{path}' is not an image archive: {why}.", path, inner);

        internal static ImagePublishException Corrupt(string path, string why) =>
            new ImagePublishException(ErrorIds.ImageArchiveCorrupt, $"The image archive '{path}' is incomplete or damaged: {why}.", path);

        public void Dispose() => _files.Dispose();
    }
}
