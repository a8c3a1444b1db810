namespace EcsBlueGreen.Images
{
    /// <summary>Stable error ids (they end up in FullyQualifiedErrorId; scripts match on them: never rename).</summary>
    public static class ImageErrorIds
    {
        public const string InvalidTag = "InvalidImageTag";
        public const string InvalidRepositoryName = "InvalidRepositoryName";
        public const string ArchiveNotFound = "ImageArchiveNotFound";
        public const string ArchiveNotAnImage = "ImageArchiveNotAnImage";
        public const string ArchiveCorrupt = "ImageArchiveCorrupt";
        public const string PlatformNotFound = "ImagePlatformNotFound";
        public const string PlatformAmbiguous = "ImagePlatformAmbiguous";
        public const string RepositoryNotFound = "EcrRepositoryNotFound";
        public const string ImmutableTagConflict = "EcrImmutableTagConflict";
        public const string SourceImageNotFound = "EcrSourceImageNotFound";
        public const string BuildContextNotFound = "BuildContextNotFound";
        public const string DockerfileNotFound = "DockerfileNotFound";
        public const string BuilderNotFound = "ImageBuilderNotFound";
        public const string BuildFailed = "ImageBuildFailed";
        public const string DigestMismatch = "ImageBlobDigestMismatch";
        public const string RegistryAuthenticationFailed = "RegistryAuthenticationFailed";
        public const string RegistryRequestFailed = "RegistryRequestFailed";
    }
}
