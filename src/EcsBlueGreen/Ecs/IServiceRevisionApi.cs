using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Ecs
{
    /// <summary>DescribeServiceRevisions: which task definition a service revision ran.</summary>
    public interface IServiceRevisionApi
    {
        /// <summary>Service-revision ARN → task-definition ARN, for the revisions that exist.</summary>
        Task<IReadOnlyDictionary<string, string>> DescribeServiceRevisionTaskDefinitionsAsync(IReadOnlyList<string> serviceRevisionArns, CancellationToken cancellationToken);
    }
}
