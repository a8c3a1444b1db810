using EcsBlueGreen.Simulator.Ecr;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// The "pull": an image in the simulated account's ECR must exist there (by tag or digest), or the
/// task fails with CannotPullContainerError as on ECS. Images elsewhere (Docker Hub, other accounts)
/// are taken as pullable and have no labels.
/// </summary>
public static class ImageResolver
{
    public sealed record Result(StoredImage? Image, string? Error);

    /// <summary>The pull of one task; a deployment's pinned digest (see <see cref="Pin"/>) wins over the tag.</summary>
    public static Result Resolve(World world, string image, string? pinnedDigest = null)
    {
        var found = Find(world, image, pinnedDigest, out var inAccount);
        if (!inAccount) return new Result(null, null);
        if (found == null)
            return new Result(null, $"CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref {image}: {image}: not found");
        found.LastPulledAt = world.Now;
        return new Result(found, null);
    }

    /// <summary>
    /// What the image resolves to when a deployment starts: ECS resolves each container's tag to a
    /// digest once per deployment, so every task of it (and a rollback to it) runs the same image
    /// however the tag moves later. Null when it is not in the account's ECR or not there (yet).
    /// </summary>
    public static string? Pin(World world, string image) => Find(world, image, null, out _)?.Digest;

    private static StoredImage? Find(World world, string image, string? pinnedDigest, out bool inAccount)
    {
        var slash = image.IndexOf('/');
        inAccount = slash >= 0 && string.Equals(image[..slash], world.EcrHost, StringComparison.OrdinalIgnoreCase);
        if (!inAccount) return null;
        var (repoName, tag, digest) = Split(image[(slash + 1)..]);
        if (pinnedDigest != null) (tag, digest) = (null, pinnedDigest);
        return world.Ecr.Repositories.GetValueOrDefault(repoName)?.Find(tag, digest);
    }

    /// <summary>Splits <c>repo[:tag][@digest]</c>; the tag defaults to latest.</summary>
    public static (string Repository, string? Tag, string? Digest) Split(string reference)
    {
        string? digest = null;
        var at = reference.IndexOf('@');
        if (at >= 0)
        {
            digest = reference[(at + 1)..];
            reference = reference[..at];
        }
        string? tag = null;
        var colon = reference.LastIndexOf(':');
        if (colon > reference.LastIndexOf('/'))
        {
            tag = reference[(colon + 1)..];
            reference = reference[..colon];
        }
        return (reference, digest == null ? tag ?? "latest" : null, digest);
    }
}
