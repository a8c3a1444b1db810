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

    public static Result Resolve(World world, string image)
    {
        var slash = image.IndexOf('/');
        if (slash < 0 || !string.Equals(image[..slash], world.EcrHost, StringComparison.OrdinalIgnoreCase))
            return new Result(null, null);
        var (repoName, tag, digest) = Split(image[(slash + 1)..]);
        var found = world.Ecr.Repositories.GetValueOrDefault(repoName)?.Find(tag, digest);
        if (found == null)
            return new Result(null, $"CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref {image}: {image}: not found");
        found.LastPulledAt = world.Now;
        return new Result(found, null);
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
