using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecr;

namespace EcsBlueGreen.Images
{
    /// <summary>ECR's BatchCheckLayerAvailability: one API call per 100 blobs instead of one HEAD each.</summary>
    public sealed class EcrBlobAvailability : IBlobAvailability
    {
        private const int MaxDigestsPerCall = 100; // the API's limit
        private readonly IEcrApi _ecr;

        public EcrBlobAvailability(IEcrApi ecr) => _ecr = ecr;

        public async Task<IReadOnlyDictionary<string, bool>> CheckAsync(string repository, IReadOnlyList<string> digests, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, bool>(StringComparer.Ordinal);
            var distinct = digests.Distinct(StringComparer.Ordinal).ToList();
            for (int i = 0; i < distinct.Count; i += MaxDigestsPerCall)
            {
                var batch = distinct.Skip(i).Take(MaxDigestsPerCall).ToList();
                var answer = await _ecr.BatchCheckLayerAvailabilityAsync(repository, batch, cancellationToken).ConfigureAwait(false);
                foreach (string digest in batch) result[digest] = answer.TryGetValue(digest, out bool available) && available;
            }
            return result;
        }
    }
}
