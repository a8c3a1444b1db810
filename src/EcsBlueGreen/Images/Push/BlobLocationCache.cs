using System;
using System.Collections.Concurrent;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// Remembers which repository of a registry last held a blob, so a push of the same layers to another
    /// repository can mount them instead of uploading (what docker's blob-info cache does). In memory
    /// only; bounded; safe for concurrent pushes.
    /// </summary>
    public sealed class BlobLocationCache
    {
        private const int MaxEntries = 10_000;
        private readonly ConcurrentDictionary<string, string> _repositoryByBlob = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public void Remember(string registryHost, string digest, string repository)
        {
            if (_repositoryByBlob.Count >= MaxEntries) _repositoryByBlob.Clear(); // crude but bounded: losing hints only costs uploads
            _repositoryByBlob[Key(registryHost, digest)] = repository;
        }

        public string? Find(string registryHost, string digest) =>
            _repositoryByBlob.TryGetValue(Key(registryHost, digest), out var repository) ? repository : null;

        private static string Key(string host, string digest) => host.ToLowerInvariant() + "|" + digest;
    }
}
