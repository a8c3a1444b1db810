namespace EcsBlueGreen.Images
{
    /// <summary>An OCI content descriptor: what a blob is, how big, and its digest.</summary>
    public sealed class Descriptor
    {
        public Descriptor(string mediaType, string digest, long size)
        {
            MediaType = mediaType;
            Digest = digest;
            Size = size;
        }

        public string MediaType { get; }
        public string Digest { get; }
        public long Size { get; }

        /// <summary>For index entries: "os/architecture[/variant]", else null.</summary>
        public string? Platform { get; set; }

        public override string ToString() => $"{Digest} ({Size} bytes, {MediaType})";
    }
}
