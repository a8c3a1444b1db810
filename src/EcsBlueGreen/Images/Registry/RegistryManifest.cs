namespace EcsBlueGreen.Images
{
    /// <summary>A manifest as a registry returned it: the exact bytes, their media type and digest.</summary>
    public sealed class RegistryManifest
    {
        public RegistryManifest(byte[] content, string mediaType, string digest)
        {
            Content = content;
            MediaType = mediaType;
            Digest = digest;
        }

        public byte[] Content { get; }
        public string MediaType { get; }
        public string Digest { get; }
    }

    /// <summary>What a cross-repository mount request did.</summary>
    public sealed class MountResult
    {
        private MountResult(bool mounted, System.Uri? uploadLocation)
        {
            Mounted = mounted;
            UploadLocation = uploadLocation;
        }

        public bool Mounted { get; }

        /// <summary>When the registry declined the mount it opens an ordinary upload instead (spec): use it.</summary>
        public System.Uri? UploadLocation { get; }

        public static MountResult Done() => new MountResult(true, null);
        public static MountResult Declined(System.Uri location) => new MountResult(false, location);
    }
}
