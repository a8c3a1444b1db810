using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecr.Model;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// ECR registry logins (12-hour tokens) kept in memory per registry and identity, reused until shortly
    /// before they expire, so a pipeline of pushes asks GetAuthorizationToken once. Never written anywhere;
    /// concurrent callers for the same key share one request.
    /// </summary>
    public sealed class EcrAuthTokenCache
    {
        /// <summary>Refresh this long before expiry: a push that starts at minute 11:59 must not fail halfway.</summary>
        public static readonly TimeSpan DefaultRefreshMargin = TimeSpan.FromMinutes(15);

        private readonly TimeProvider _time;
        private readonly TimeSpan _margin;
        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        // A parameterless overload rather than optional parameters: callers in the PowerShell assembly must
        // not reference TimeProvider's assembly, which only the module's private load context can resolve.
        public EcrAuthTokenCache()
            : this(TimeProvider.System, DefaultRefreshMargin)
        {
        }

        public EcrAuthTokenCache(TimeProvider time)
            : this(time, DefaultRefreshMargin)
        {
        }

        public EcrAuthTokenCache(TimeProvider time, TimeSpan refreshMargin)
        {
            _time = time;
            _margin = refreshMargin;
        }

        /// <param name="key">Registry + identity (endpoint, region, profile or access key id): logins of
        /// different principals must not be mixed. Never a secret itself.</param>
        /// <param name="refused">The login the registry just refused (expired or revoked), if any: replaced
        /// unless another caller already replaced it, so a burst of 401s costs one token request.</param>
        public async Task<EcrAuthorization> GetAsync(string key, Func<CancellationToken, Task<EcrAuthorization>> fetch, EcrAuthorization? refused, CancellationToken cancellationToken)
        {
            var entry = _entries.GetOrAdd(key, _ => new Entry());
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var current = entry.Authorization;
                bool usable = current != null && _time.GetUtcNow() < current.ExpiresAt - _margin && !ReferenceEquals(current, refused);
                if (usable) return current!;
                var fresh = await fetch(cancellationToken).ConfigureAwait(false);
                entry.Authorization = fresh;
                return fresh;
            }
            finally
            {
                entry.Gate.Release();
            }
        }

        public void Invalidate(string key) => _entries.TryRemove(key, out _);

        private sealed class Entry
        {
            public readonly SemaphoreSlim Gate = new SemaphoreSlim(1, 1);
            public EcrAuthorization? Authorization;
        }
    }
}
