using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// A reporter that queues; the pipeline thread drains the queue, because PowerShell forbids
    /// Write-* from any other thread.
    /// </summary>
    internal sealed class PipelineMessagePump : IReporter, IDisposable
    {
        private readonly BlockingCollection<Action<HostOutput>> _queue = new BlockingCollection<Action<HostOutput>>();

        public void Verbose(string message) => Post(o => o.Verbose(message));

        public void Warning(string message) => Post(o => o.Warning(message));

        public void Information(InformationMessage message) => Post(o => o.Information(message));

        public void Progress(ProgressReport report) => Post(o => o.Progress(report));

        private void Post(Action<HostOutput> write)
        {
            try
            {
                _queue.Add(write);
            }
            catch (InvalidOperationException)
            {
                // The command already ended; late reports have nowhere to go.
            }
        }

        /// <summary>Writes queued reports until the work ends (or the user stops the pipeline), then the rest.</summary>
        public void DrainUntil(Task work, HostOutput output, CancellationToken stopping)
        {
            work.ContinueWith(_ => CompleteQuietly(), TaskScheduler.Default);
            try
            {
                foreach (var write in _queue.GetConsumingEnumerable(stopping))
                {
                    write(output);
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop writing now; the work observes the same token and ends on its own.
            }
        }

        private void CompleteQuietly()
        {
            try
            {
                _queue.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
                // The command ended first (Ctrl+C).
            }
        }

        public void Dispose()
        {
            _queue.Dispose();
        }
    }
}
