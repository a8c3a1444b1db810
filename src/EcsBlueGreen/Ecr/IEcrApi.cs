using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecr.Model;

namespace EcsBlueGreen.Ecr
{
    /// <summary>The ECR API operations image publishing needs. EcrClient implements it over the wire.</summary>
    public interface IEcrApi
    {
        /// <summary>GetAuthorizationToken for the account's default registry.</summary>
        Task<EcrAuthorization> GetAuthorizationTokenAsync(CancellationToken cancellationToken);

        /// <summary>Null when the repository does not exist (RepositoryNotFoundException).</summary>
        Task<EcrRepository?> DescribeRepositoryAsync(string repositoryName, CancellationToken cancellationToken);

        /// <summary>All repositories (every page); used by tab completion.</summary>
        Task<IReadOnlyList<EcrRepository>> DescribeRepositoriesAsync(CancellationToken cancellationToken);

        Task<EcrRepository> CreateRepositoryAsync(string repositoryName, bool immutableTags, bool scanOnPush, CancellationToken cancellationToken);

        /// <summary>Details of the images matching the ids; images that do not exist are left out.</summary>
        Task<IReadOnlyList<EcrImageDetail>> DescribeImagesAsync(string repositoryName, IReadOnlyList<EcrImageId> imageIds, CancellationToken cancellationToken);

        /// <summary>Every tag in the repository (ListImages, TAGGED, every page), to say which tags are near a missing one.</summary>
        Task<IReadOnlyList<string>> ListImageTagsAsync(string repositoryName, CancellationToken cancellationToken);

        /// <summary>Manifests of the images matching the ids; images that do not exist are left out.</summary>
        Task<IReadOnlyList<EcrImageManifest>> BatchGetImageAsync(string repositoryName, IReadOnlyList<EcrImageId> imageIds, IReadOnlyList<string>? acceptedMediaTypes, CancellationToken cancellationToken);

        /// <summary>PutImage: tags an existing manifest server-side. Errors surface as AwsServiceException
        /// (ImageAlreadyExistsException, ImageTagAlreadyExistsException...).</summary>
        Task<EcrImageId> PutImageAsync(string repositoryName, string imageManifest, string? manifestMediaType, string imageTag, string? imageDigest, CancellationToken cancellationToken);

        /// <summary>Digest → AVAILABLE (true) / UNAVAILABLE (false).</summary>
        Task<IReadOnlyDictionary<string, bool>> BatchCheckLayerAvailabilityAsync(string repositoryName, IReadOnlyList<string> layerDigests, CancellationToken cancellationToken);
    }
}
