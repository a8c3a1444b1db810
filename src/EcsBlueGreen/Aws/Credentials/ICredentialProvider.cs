using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>Supplies signing credentials, refreshing them when they expire.</summary>
    public interface ICredentialProvider
    {
        Task<AwsCredentialSet> GetCredentialsAsync(CancellationToken cancellationToken);
    }
}
