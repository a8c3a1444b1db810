using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Images
{
    /// <summary>A registry user name and password. ToString never shows the password.</summary>
    public sealed class RegistryCredentials
    {
        public RegistryCredentials(string userName, string password)
        {
            UserName = userName;
            Password = password;
        }

        public string UserName { get; }
        public string Password { get; }

        internal string BasicParameter => Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password));

        public override string ToString() => UserName + ":***";
    }

    /// <summary>Where the registry client gets its login. <c>refresh</c> is true after the registry
    /// refused the last one (an expired token), asking for a fresh one.</summary>
    public interface IRegistryCredentialSource
    {
        Task<RegistryCredentials?> GetAsync(bool refresh, CancellationToken cancellationToken);
    }

    /// <summary>Fixed credentials (tests, anonymous registries with null).</summary>
    public sealed class StaticRegistryCredentials : IRegistryCredentialSource
    {
        private readonly RegistryCredentials? _credentials;
        public StaticRegistryCredentials(RegistryCredentials? credentials) => _credentials = credentials;
        public Task<RegistryCredentials?> GetAsync(bool refresh, CancellationToken cancellationToken) => Task.FromResult(_credentials);
    }
}
