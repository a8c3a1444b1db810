using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// One cancellation source per invocation, cancelled by Ctrl+C (StopProcessing), and the single
    /// bridge from the async core to the synchronous cmdlet: background work reports through an
    /// IReporter whose messages are written here, on the pipeline thread.
    /// </summary>
    public abstract class CancellableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private HostOutput? _output;

        protected CancellationToken CancellationToken => _stopping.Token;

        /// <summary>Renders reports for this host: plain timestamped lines and groups in CI, progress bars interactively.</summary>
        internal HostOutput Output => _output ??= new HostOutput(this, CiPlatformDetector.Detect(Environment.GetEnvironmentVariable));

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Runs core work on the thread pool and pumps its reports onto the pipeline thread until it ends.
        /// Cancellation surfaces as PipelineStoppedException, so Ctrl+C ends the command quietly; any other
        /// failure of the work as a CoreFailureException with the error catalogue's record.
        /// </summary>
        protected T RunAsync<T>(Func<IReporter, CancellationToken, Task<T>> work) =>
            Bridge((pump, token) => work(pump, token));

        /// <summary>
        /// Like RunAsync, for work that yields items as it goes: each item is handed to onItem on the
        /// pipeline thread (so it may write output or ask ShouldProcess) while the work goes on, and the
        /// work resumes once onItem has returned.
        /// </summary>
        protected void RunStreaming<TItem>(Func<IReporter, Func<TItem, Task>, CancellationToken, Task> work, Action<TItem> onItem) =>
            RunStreaming<TItem>((reporter, onItemAsync, pipeline, token) => work(reporter, onItemAsync, token), onItem);

        /// <summary>
        /// Like RunStreaming, and the work may also run functions of its own on the pipeline thread (a
        /// user's scriptblock) through the invoker, awaiting their results.
        /// </summary>
        protected void RunStreaming<TItem>(Func<IReporter, Func<TItem, Task>, PipelineInvoker, CancellationToken, Task> work, Action<TItem> onItem) =>
            Bridge<bool>(async (pump, token) =>
            {
                await work(pump, item => pump.InvokeAsync(() => onItem(item), token), new PipelineInvoker(pump), token).ConfigureAwait(false);
                return true;
            });

        private T Bridge<T>(Func<PipelineMessagePump, CancellationToken, Task<T>> work)
        {
            using var pump = new PipelineMessagePump();
            var task = Task.Run(() => work(pump, _stopping.Token));
            try
            {
                pump.DrainUntil(task, Output, _stopping.Token);
            }
            catch
            {
                // Writing failed (e.g. -WarningAction Stop): the work must not go on unreported.
                _stopping.Cancel();
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                    // Its own failure is secondary to the one being thrown.
                }

                throw;
            }

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception failure)
            {
                // Carries the catalogued error record: written per item by TryRun, or reported as it is
                // when it ends the command.
                throw new CoreFailureException(failure);
            }
        }

        protected void RunAsync(Func<IReporter, CancellationToken, Task> work) =>
            RunAsync<bool>(async (reporter, token) =>
            {
                await work(reporter, token).ConfigureAwait(false);
                return true;
            });

        /// <summary>
        /// PowerShell disposes a command when its pipeline is done with it: after EndProcessing, after
        /// Ctrl+C (StopProcessing) and after a terminating error alike, and only once no ProcessRecord
        /// or EndProcessing is running, so what an invocation opened is released here, never from
        /// StopProcessing's thread while a call may still be using it.
        /// </summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stopping.Dispose();
            }
        }
    }
}
