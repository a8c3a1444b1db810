using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecr.Model;

namespace EcsBlueGreen.Images
{
    /// <summary>Registry logins from ECR's GetAuthorizationToken, through the shared cache.</summary>
    public sealed class EcrRegistryCredentials : IRegistryCredentialSource
    {
        private readonly IEcrApi _ecr;
        private readonly EcrAuthTokenCache _cache;
        private readonly string _key;
        private EcrAuthorization? _last;

        public EcrRegistryCredentials(IEcrApi ecr, EcrAuthTokenCache cache, string cacheKey)
        {
            _ecr = ecr;
            _cache = cache;
            _key = cacheKey;
        }

        /// <summary>The registry endpoint of the login (ECR's proxyEndpoint), for the registry client.</summary>
        public async Task<System.Uri> GetEndpointAsync(CancellationToken cancellationToken)
        {
            var login = await _cache.GetAsync(_key, _ecr.GetAuthorizationTokenAsync, null, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _last, login);
            return new System.Uri(login.ProxyEndpoint);
        }

        public async Task<RegistryCredentials?> GetAsync(bool refresh, CancellationToken cancellationToken)
        {
            var login = await _cache.GetAsync(_key, _ecr.GetAuthorizationTokenAsync, refresh ? Volatile.Read(ref _last) : null, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _last, login);
            return new RegistryCredentials(login.UserName, login.Password);
        }
    }
}
