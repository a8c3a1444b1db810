using System;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>
    /// Caches temporary credentials (assume-role, SSO) and fetches new ones shortly before they expire,
    /// one fetch at a time however many calls run in parallel.
    /// </summary>
    internal sealed class RefreshingCredentialProvider : ICredentialProvider
    {
        private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

        private readonly Func<CancellationToken, Task<TemporaryCredentials>> _fetch;
        private readonly TimeProvider _time;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private TemporaryCredentials? _current;

        public RefreshingCredentialProvider(Func<CancellationToken, Task<TemporaryCredentials>> fetch, TimeProvider time)
        {
            _fetch = fetch;
            _time = time;
        }

        public async Task<AwsCredentialSet> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            var current = _current;
            if (current != null && !NeedsRefresh(current))
            {
                return current.Credentials;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_current == null || NeedsRefresh(_current))
                {
                    _current = await _fetch(cancellationToken).ConfigureAwait(false);
                }

                return _current.Credentials;
            }
            finally
            {
                _gate.Release();
            }
        }

        private bool NeedsRefresh(TemporaryCredentials credentials) =>
            credentials.Expiration.HasValue && credentials.Expiration.Value - RefreshMargin <= _time.GetUtcNow();
    }

    internal sealed class TemporaryCredentials
    {
        public TemporaryCredentials(AwsCredentialSet credentials, DateTimeOffset? expiration)
        {
            Credentials = credentials;
            Expiration = expiration;
        }

        public AwsCredentialSet Credentials { get; }
        public DateTimeOffset? Expiration { get; }
    }
}
