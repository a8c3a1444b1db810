using System.IO;

namespace EcsBlueGreen.Images.Archives
{
    /// <summary>An OCI image layout laid out as a directory.</summary>
    internal sealed class DirectoryFiles : IArchiveFiles
    {
        private readonly string _root;

        public DirectoryFiles(string root) => _root = Path.GetFullPath(root);

        public string Location => _root;

        public bool Exists(string path) => File.Exists(Resolve(path));

        public long Length(string path)
        {
            var info = new FileInfo(Resolve(path));
            return info.Exists ? info.Length : -1;
        }

        public Stream Open(string path) =>
            new FileStream(Resolve(path), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: false);

        private string Resolve(string path)
        {
            string full = Path.GetFullPath(Path.Combine(_root, TarIndexReader.Normalize(path)));
            // Archive paths come from the archive's own JSON: never let them leave the layout.
            if (!full.StartsWith(_root, System.StringComparison.Ordinal)) throw new InvalidDataException($"The path '{path}' points outside the image layout.");
            return full;
        }

        public void Dispose() { }
    }
}
