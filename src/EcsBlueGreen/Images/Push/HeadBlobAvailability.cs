using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Images
{
    /// <summary>Blob availability through HEAD /v2/&lt;name&gt;/blobs/&lt;digest&gt;, a few at a time.</summary>
    public sealed class HeadBlobAvailability : IBlobAvailability
    {
        private readonly RegistryClient _registry;

        public HeadBlobAvailability(RegistryClient registry) => _registry = registry;

        public async Task<IReadOnlyDictionary<string, bool>> CheckAsync(string repository, IReadOnlyList<string> digests, CancellationToken cancellationToken)
        {
            using (var gate = new SemaphoreSlim(4))
            {
                var checks = digests.Distinct(StringComparer.Ordinal).Select(async d =>
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try { return (d, await _registry.BlobExistsAsync(repository, d, cancellationToken).ConfigureAwait(false)); }
                    finally { gate.Release(); }
                }).ToList();
                var results = await Task.WhenAll(checks).ConfigureAwait(false);
                return results.ToDictionary(r => r.d, r => r.Item2, StringComparer.Ordinal);
            }
        }
    }
}
