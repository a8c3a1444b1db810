using System;
using System.Collections.Generic;
using System.IO;

namespace EcsBlueGreen.Images.Archives
{
    /// <summary>The members of a (decompressed) tar file, each opened as a window on its own file handle.</summary>
    internal sealed class TarFiles : IArchiveFiles
    {
        private readonly string _tarPath;
        private readonly Dictionary<string, TarEntry> _entries;
        private readonly string? _ownedTempFile;

        private TarFiles(string tarPath, Dictionary<string, TarEntry> entries, string location, string? ownedTempFile)
        {
            _tarPath = tarPath;
            _entries = entries;
            Location = location;
            _ownedTempFile = ownedTempFile;
        }

        public string Location { get; }

        /// <summary>Indexes the tar; a gzip-compressed one is first inflated into a temporary file
        /// (removed on Dispose), because a gzip stream cannot be read at random offsets.</summary>
        public static TarFiles OpenFile(string path)
        {
            string? temp = null;
            string tarPath = path;
            if (IsGzip(path))
            {
                temp = Path.Combine(Path.GetTempPath(), "ecsbg-" + Guid.NewGuid().ToString("N") + ".tar");
                using (var source = File.OpenRead(path))
                using (var gzip = new System.IO.Compression.GZipStream(source, System.IO.Compression.CompressionMode.Decompress))
                using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    gzip.CopyTo(target, 81920);
                }
                tarPath = temp;
            }
            try
            {
                using (var stream = File.OpenRead(tarPath))
                {
                    return new TarFiles(tarPath, TarIndexReader.Read(stream), path, temp);
                }
            }
            catch
            {
                if (temp != null) File.Delete(temp);
                throw;
            }
        }

        public bool Exists(string path) => Find(path)?.Kind == TarEntryKind.File;

        public long Length(string path) => Find(path) is TarEntry e && e.Kind == TarEntryKind.File ? e.Size : -1;

        public Stream Open(string path)
        {
            var entry = Find(path);
            if (entry == null || entry.Kind != TarEntryKind.File) throw new FileNotFoundException($"'{path}' is not in the archive {Location}.");
            var file = new FileStream(_tarPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: false);
            return new SubStream(file, entry.DataOffset, entry.Size);
        }

        /// <summary>Finds a member, following hard and symbolic links (docker save links duplicate layers).</summary>
        private TarEntry? Find(string path)
        {
            string name = TarIndexReader.Normalize(path);
            for (int hops = 0; hops < 16; hops++)
            {
                if (!_entries.TryGetValue(name, out var entry)) return null;
                if (entry.LinkTarget == null || (entry.Kind != TarEntryKind.SymbolicLink && entry.Kind != TarEntryKind.HardLink)) return entry;
                name = entry.Kind == TarEntryKind.HardLink ? TarIndexReader.Normalize(entry.LinkTarget) : ResolveRelative(name, entry.LinkTarget);
            }
            return null;
        }

        private static string ResolveRelative(string from, string target)
        {
            if (target.StartsWith("/", StringComparison.Ordinal)) return TarIndexReader.Normalize(target);
            var parts = new List<string>(from.Split('/'));
            parts.RemoveAt(parts.Count - 1);
            foreach (string part in target.Split('/'))
            {
                if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
                else if (part != "." && part.Length > 0) parts.Add(part);
            }
            return string.Join("/", parts);
        }

        private static bool IsGzip(string path)
        {
            using (var s = File.OpenRead(path))
            {
                return s.ReadByte() == 0x1f && s.ReadByte() == 0x8b;
            }
        }

        public void Dispose()
        {
            if (_ownedTempFile != null)
            {
                try { File.Delete(_ownedTempFile); } catch (IOException) { } // best effort: it is in the temp folder
            }
        }
    }
}
