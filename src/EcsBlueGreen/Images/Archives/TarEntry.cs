namespace EcsBlueGreen.Images.Archives
{
    internal enum TarEntryKind { File, Directory, SymbolicLink, HardLink, Other }

    /// <summary>Where one member of a tar file lives: its data is <see cref="Size"/> bytes at <see cref="DataOffset"/>.</summary>
    internal sealed class TarEntry
    {
        public TarEntry(string name, TarEntryKind kind, long size, long dataOffset, string? linkTarget)
        {
            Name = name;
            Kind = kind;
            Size = size;
            DataOffset = dataOffset;
            LinkTarget = linkTarget;
        }

        /// <summary>Normalised path: forward slashes, no leading "./" or "/".</summary>
        public string Name { get; }
        public TarEntryKind Kind { get; }
        public long Size { get; }
        public long DataOffset { get; }
        public string? LinkTarget { get; }
    }
}
