using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Aws.Retry
{
    /// <summary>
    /// For a mutating call whose previous attempt may have taken effect (timeout or dropped connection
    /// after sending, or a 5xx): look at the service and return the result to adopt when the write did
    /// happen, or null to send again. Read-only calls and writes that are safe to repeat have none.
    /// </summary>
    internal delegate Task<T?> UnknownOutcomeCheck<T>(CancellationToken cancellationToken) where T : class;
}
