using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecr.Model;
using static EcsBlueGreen.Aws.Protocol.JsonRead;

namespace EcsBlueGreen.Ecr
{
    /// <summary>ECR Repository / ImageDetail / Image JSON to read models.</summary>
    internal static class EcrParser
    {
        public static EcrRepository Repository(JsonObject json) => new EcrRepository
        {
            RepositoryName = Str(json, "repositoryName") ?? "",
            RepositoryUri = Str(json, "repositoryUri") ?? "",
            RepositoryArn = Str(json, "repositoryArn") ?? "",
            RegistryId = Str(json, "registryId") ?? "",
            ImageTagMutability = Str(json, "imageTagMutability") ?? "MUTABLE",
            ScanOnPush = Bool(Obj(json, "imageScanningConfiguration"), "scanOnPush") ?? false,
            CreatedAt = Time(json, "createdAt"),
        };

        public static EcrImageDetail ImageDetail(JsonObject json) => new EcrImageDetail
        {
            RepositoryName = Str(json, "repositoryName") ?? "",
            ImageDigest = Str(json, "imageDigest") ?? "",
            ImageTags = Strings(json, "imageTags"),
            ImageSizeInBytes = Long(json, "imageSizeInBytes"),
            ImagePushedAt = Time(json, "imagePushedAt"),
            ImageManifestMediaType = Str(json, "imageManifestMediaType"),
        };

        public static EcrImageId ImageId(JsonObject? json) => new EcrImageId
        {
            ImageTag = Str(json, "imageTag"),
            ImageDigest = Str(json, "imageDigest"),
        };

        public static EcrImageManifest Image(JsonObject json) => new EcrImageManifest
        {
            ImageId = ImageId(Obj(json, "imageId")),
            ImageManifest = Str(json, "imageManifest") ?? "",
            ImageManifestMediaType = Str(json, "imageManifestMediaType"),
        };

        public static JsonArray ImageIds(System.Collections.Generic.IEnumerable<EcrImageId> ids) =>
            new JsonArray(ids.Select(id =>
            {
                var node = new JsonObject();
                if (id.ImageDigest != null) node["imageDigest"] = id.ImageDigest;
                if (id.ImageTag != null) node["imageTag"] = id.ImageTag;
                return (JsonNode?)node;
            }).ToArray());
    }
}
