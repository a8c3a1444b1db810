using System;
using System.Text.RegularExpressions;

namespace EcsBlueGreen.Deployments
{
    /// <summary>A container image reference: [registry/]repository[:tag][@digest], per the OCI distribution naming rules.</summary>
    public sealed class ImageReference
    {
        private static readonly Regex PathComponent = new Regex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex Tag = new Regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant);
        private static readonly Regex Digest = new Regex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant);

        private ImageReference(string? registry, string repository, string? tag, string? digest)
        {
            Registry = registry;
            Repository = repository;
            ImageTag = tag;
            ImageDigest = digest;
        }

        public string? Registry { get; }
        /// <summary>The repository path without the registry, e.g. "myapplication" or "team/app".</summary>
        public string Repository { get; }
        public string? ImageTag { get; }
        public string? ImageDigest { get; }

        /// <summary>A tag can be moved to another image; a digest cannot.</summary>
        public bool IsPinned => ImageDigest != null;

        /// <summary>The tag, or the first 12 hex digits of the digest.</summary>
        public string ShortVersion => ImageTag ?? (ImageDigest == null ? "latest" : ImageDigest.Substring(7, 12));

        /// <summary>registry/repository, what identifies "the same image line" across versions.</summary>
        public string Name => Registry == null ? Repository : $"{Registry}/{Repository}";

        public override string ToString() =>
            Name + (ImageTag == null ? "" : ":" + ImageTag) + (ImageDigest == null ? "" : "@" + ImageDigest);

        public static bool TryParse(string? text, out ImageReference? reference) => TryParse(text, out reference, out _);

        public static ImageReference Parse(string text)
        {
            if (!TryParse(text, out var reference, out var problem))
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.InvalidImageUri,
                    $"'{text}' is not a valid image URI: {problem} Expected [registry/]repository[:tag][@sha256:<64 hex>], e.g. 123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication:2.0.");
            }

            return reference!;
        }

        public static bool TryParse(string? text, out ImageReference? reference, out string problem)
        {
            reference = null;
            problem = "";
            if (string.IsNullOrWhiteSpace(text))
            {
                problem = "it is empty.";
                return false;
            }

            var rest = text!.Trim();
            if (rest != text)
            {
                problem = "it has leading or trailing white space.";
                return false;
            }

            string? digest = null;
            var at = rest.IndexOf('@');
            if (at >= 0)
            {
                digest = rest.Substring(at + 1);
                rest = rest.Substring(0, at);
                if (!Digest.IsMatch(digest))
                {
                    problem = $"the digest '{digest}' is not sha256:<64 lowercase hex digits>.";
                    return false;
                }
            }

            string? tag = null;
            var lastSlash = rest.LastIndexOf('/');
            var colon = rest.LastIndexOf(':');
            if (colon > lastSlash)
            {
                tag = rest.Substring(colon + 1);
                rest = rest.Substring(0, colon);
                if (!Tag.IsMatch(tag))
                {
                    problem = $"the tag '{tag}' is not valid (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-').";
                    return false;
                }
            }

            string? registry = null;
            var firstSlash = rest.IndexOf('/');
            if (firstSlash > 0)
            {
                var first = rest.Substring(0, firstSlash);
                if (first.Contains(".") || first.Contains(":") || first == "localhost")
                {
                    registry = first;
                    rest = rest.Substring(firstSlash + 1);
                }
            }

            if (rest.Length == 0)
            {
                problem = "it names no repository.";
                return false;
            }

            foreach (var component in rest.Split('/'))
            {
                if (!PathComponent.IsMatch(component))
                {
                    problem = $"the repository part '{component}' must be lowercase letters and digits separated by '.', '_', '__' or '-'.";
                    return false;
                }
            }

            reference = new ImageReference(registry, rest, tag, digest);
            return true;
        }
    }
}
