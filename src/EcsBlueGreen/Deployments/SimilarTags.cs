using System;
using System.Collections.Generic;
using System.Linq;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// The tags of a repository that look like a tag that is not there: a typo (few edits away) or the
    /// same version line (one is a prefix of the other), closest first.
    /// </summary>
    public static class SimilarTags
    {
        public const int MaxSuggestions = 5;

        public static IReadOnlyList<string> Near(string wanted, IEnumerable<string> available)
        {
            var limit = Math.Max(2, wanted.Length / 3);
            return available
                .Where(tag => !string.Equals(tag, wanted, StringComparison.Ordinal))
                .Select(tag => (Tag: tag, Distance: EditDistance(wanted, tag), Prefix: SharedPrefix(wanted, tag)))
                .Where(c => c.Distance <= limit || (c.Prefix > 0 && (c.Prefix == wanted.Length || c.Prefix == c.Tag.Length)))
                .OrderBy(c => c.Distance)
                .ThenByDescending(c => c.Prefix)
                .ThenBy(c => c.Tag, StringComparer.Ordinal)
                .Take(MaxSuggestions)
                .Select(c => c.Tag)
                .ToList();
        }

        /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
        public static int EditDistance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }

        private static int SharedPrefix(string a, string b)
        {
            var n = 0;
            while (n < a.Length && n < b.Length && a[n] == b[n])
            {
                n++;
            }

            return n;
        }
    }
}
