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

        /// <summary>Runs an action on the pipeline thread; the task ends when it has run (or the command stops).</summary>
        public Task InvokeAsync(Action action, CancellationToken stopping)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = stopping.Register(() => done.TrySetCanceled());
            done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
            Post(_ =>
            {
                if (done.Task.IsCompleted)
                {
                    // Cancelled before its turn came: the work no longer waits for it, so it must not run.
                    return;
                }

                try
                {
                    action();
                    done.TrySetResult(true);
                }
                catch (Exception ex)
                {
                    // The pipeline thread rethrows it (and cancels the work); the work must not wait on.
                    done.TrySetException(ex);
                    throw;
                }
            });
            return done.Task;
        }

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
