using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Images
{
    /// <summary>Which of these blobs the repository already holds (ECR: BatchCheckLayerAvailability;
    /// elsewhere: HEAD per blob).</summary>
    public interface IBlobAvailability
    {
        Task<IReadOnlyDictionary<string, bool>> CheckAsync(string repository, IReadOnlyList<string> digests, CancellationToken cancellationToken);
    }
}
