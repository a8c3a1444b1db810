using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecr;

namespace EcsBlueGreen.PowerShell.Completion
{
    /// <summary>Completes -RepositoryName with the account's ECR repositories.</summary>
    internal sealed class RepositoryNameCompleter : AwsArgumentCompleter
    {
        protected override AwsServiceId ServiceId => AwsServiceId.Ecr;

        protected override async Task<IReadOnlyList<string>> FetchAsync(AwsSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken)
        {
            var repositories = await session.CreateEcrClient().DescribeRepositoriesAsync(cancellationToken).ConfigureAwait(false);
            return repositories.Select(r => r.RepositoryName).ToList();
        }
    }
}
