using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>Fixed keys: -AccessKey/-SecretKey, AWS_ACCESS_KEY_ID..., a profile's keys.</summary>
    internal sealed class StaticCredentialProvider : ICredentialProvider
    {
        private readonly AwsCredentialSet _credentials;

        public StaticCredentialProvider(AwsCredentialSet credentials)
        {
            _credentials = credentials;
        }

        public Task<AwsCredentialSet> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);
    }
}
