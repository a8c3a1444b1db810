using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecr.Model;
using EcsBlueGreen.Ecs;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Before a task definition with a new image is registered: an image in the connected account's
    /// own ECR registry (same region) must be there, by tag or digest. A missing one would only show
    /// as CannotPullContainerError once the deployment runs. Images in any other registry are not
    /// checked (the module has no credentials for them).
    /// </summary>
    public sealed class ImageCheck
    {

        private readonly IEcrApi _ecr;

        public ImageCheck(IEcrApi ecr)
        {
            _ecr = ecr;
        }

        /// <summary>The registry host of an account's ECR in a region, e.g. 123456789012.dkr.ecr.eu-west-2.amazonaws.com.</summary>
        public static string RegistryHost(string account, string region) => $"{account}.dkr.ecr.{region}.{AwsPartitions.DnsSuffixFor(region)}";

        /// <summary>True when the image lives in this account's registry of this region, the only one checked.</summary>
        public static bool IsInRegistry(ImageReference image, string account, string region) =>
            string.Equals(image.Registry, RegistryHost(account, region), StringComparison.OrdinalIgnoreCase);

        /// <summary>Checks the image when it is in the service's own account and region; returns whether it checked.</summary>
        public async Task<bool> ThrowIfMissingAsync(string image, string serviceArn, CancellationToken cancellationToken)
        {
            if (!ImageReference.TryParse(image, out var reference) || !EcsArn.TryParse(serviceArn, out var place) || !IsInRegistry(reference!, place!.Account, place.Region))
            {
                return false;
            }

            // ECS pulls by the digest when one is given, whatever the tag says.
            var id = reference!.ImageDigest != null ? EcrImageId.ForDigest(reference.ImageDigest) : EcrImageId.ForTag(reference.ImageTag ?? "latest");
            IReadOnlyList<EcrImageDetail> found;
            try
            {
                found = await _ecr.DescribeImagesAsync(reference.Repository, new[] { id }, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.ImageRepositoryNotFound,
                    $"Image {image}: the ECR repository '{reference.Repository}' does not exist in account {place.Account} ({place.Region}). Publish the image first (Publish-EcrImage -CreateRepository), or pass -SkipImageCheck if it is created meanwhile.", ex);
            }

            if (found.Count > 0)
            {
                return true;
            }

            var what = id.ImageDigest != null ? $"digest {id.ImageDigest}" : $"tag '{id.ImageTag}'";
            var near = id.ImageTag != null
                ? SimilarTags.Near(id.ImageTag, await _ecr.ListImageTagsAsync(reference.Repository, cancellationToken).ConfigureAwait(false))
                : Array.Empty<string>();
            var hint = near.Count > 0 ? $" Tags there that look close: {string.Join(", ", near)}." : id.ImageTag != null ? " No tag there looks close." : "";
            throw new EcsBlueGreenException(Errors.ErrorIds.ImageNotFound,
                $"Image {image}: repository '{reference.Repository}' has no image with {what}, so the tasks could not pull it.{hint} Publish it first (Publish-EcrImage), or pass -SkipImageCheck to deploy anyway.");
        }
    }
}
