using System;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>Builds the real provider on first use, so resolving a session never touches the container
    /// or instance metadata endpoints by itself.</summary>
    internal sealed class LazyCredentialProvider : ICredentialProvider
    {
        private readonly Lazy<ICredentialProvider> _inner;

        public LazyCredentialProvider(Func<ICredentialProvider> create)
        {
            _inner = new Lazy<ICredentialProvider>(create, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public Task<AwsCredentialSet> GetCredentialsAsync(CancellationToken cancellationToken) =>
            _inner.Value.GetCredentialsAsync(cancellationToken);
    }
}
