using System;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// Lets core work that runs on the thread pool have something done on the pipeline thread (a user's
    /// scriptblock, which PowerShell runs only there) and await its result; given by the one async bridge.
    /// </summary>
    public sealed class PipelineInvoker
    {
        private readonly PipelineMessagePump _pump;

        internal PipelineInvoker(PipelineMessagePump pump)
        {
            _pump = pump;
        }

        /// <summary>Queues the function for the pipeline thread; the task ends with its result (cancelled with the token).</summary>
        public async Task<T> InvokeAsync<T>(Func<T> function, CancellationToken cancellationToken)
        {
            var result = default(T)!;
            await _pump.InvokeAsync(() => result = function(), cancellationToken).ConfigureAwait(false);
            return result;
        }
    }
}
