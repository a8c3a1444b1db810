using System.Text.RegularExpressions;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Images
{
    /// <summary>What ECR and the OCI distribution spec accept as names, checked before any request so a
    /// typo fails fast with a clear message instead of a half-done push.</summary>
    public static class NameRules
    {
        // OCI distribution spec: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}.
        private static readonly Regex Tag = new Regex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant);

        // ECR CreateRepository: 2-256 characters, lowercase path components separated by '/'.
        private static readonly Regex Repository = new Regex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$", RegexOptions.CultureInvariant);

        public static bool IsValidTag(string? tag) => tag != null && Tag.IsMatch(tag);

        public static bool IsValidRepositoryName(string? name) =>
            name != null && name.Length >= 2 && name.Length <= 256 && Repository.IsMatch(name);

        public static void CheckTag(string? tag)
        {
            if (!IsValidTag(tag))
                throw new ImagePublishException(ErrorIds.InvalidImageTag,
                    $"'{tag}' is not a valid image tag: use 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.", tag);
        }

        public static void CheckRepositoryName(string? name)
        {
            if (!IsValidRepositoryName(name))
                throw new ImagePublishException(ErrorIds.InvalidRepositoryName,
                    $"'{name}' is not a valid ECR repository name: use 2-256 lowercase letters, digits, '.', '_', '-' and '/' between parts.", name);
        }
    }
}
