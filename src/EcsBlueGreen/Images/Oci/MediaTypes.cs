namespace EcsBlueGreen.Images
{
    /// <summary>The media types we read from archives and send to registries.</summary>
    public static class MediaTypes
    {
        public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        public const string OciIndex = "application/vnd.oci.image.index.v1+json";
        public const string OciConfig = "application/vnd.oci.image.config.v1+json";
        public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
        public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
        public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
        public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
        public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

        public static bool IsIndex(string? mediaType) => mediaType == OciIndex || mediaType == DockerManifestList;

        public static bool IsImageManifest(string? mediaType) => mediaType == OciManifest || mediaType == DockerManifest;

        /// <summary>What a registry GET of a manifest should accept.</summary>
        public static readonly string[] AllManifests = { OciManifest, DockerManifest, OciIndex, DockerManifestList };
    }
}
