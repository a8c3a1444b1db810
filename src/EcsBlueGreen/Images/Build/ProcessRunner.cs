using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Images
{
    public sealed class ProcessResult
    {
        public ProcessResult(int exitCode, IReadOnlyList<string> output)
        {
            ExitCode = exitCode;
            Output = output;
        }

        public int ExitCode { get; }
        /// <summary>stdout and stderr lines, interleaved as they came.</summary>
        public IReadOnlyList<string> Output { get; }
    }

    /// <summary>Runs an external program (the builder CLIs). An interface so tests can record every spawn.</summary>
    public interface IProcessRunner
    {
        /// <param name="environment">Variables to set (value) or remove (null) for the child only.</param>
        Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, Action<string>? onLine, CancellationToken cancellationToken);
    }

    public sealed class ProcessRunner : IProcessRunner
    {
        /// <summary>Never handed to a builder: it needs no AWS access, so it gets none.</summary>
        private static readonly string[] AwsSecrets = { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN" };

        public async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, Action<string>? onLine, CancellationToken cancellationToken)
        {
            var info = new ProcessStartInfo(fileName, CommandLine.Join(arguments))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                CreateNoWindow = true,
            };
            foreach (string name in AwsSecrets) info.EnvironmentVariables.Remove(name);
            if (environment != null)
                foreach (var pair in environment)
                {
                    if (pair.Value == null) info.EnvironmentVariables.Remove(pair.Key);
                    else info.EnvironmentVariables[pair.Key] = pair.Value;
                }

            var lines = new List<string>();
            var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (var process = new Process { StartInfo = info, EnableRaisingEvents = true })
            {
                DataReceivedEventHandler collect = (_, e) =>
                {
                    if (e.Data == null) return;
                    lock (lines) lines.Add(e.Data);
                    onLine?.Invoke(e.Data);
                };
                process.OutputDataReceived += collect;
                process.ErrorDataReceived += collect;
                process.Exited += (_, __) => exited.TrySetResult(0);
                process.Start();
                process.StandardInput.Close(); // nothing to read: a prompt must fail, not hang
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                using (cancellationToken.Register(() => { try { process.Kill(); } catch (InvalidOperationException) { } }))
                {
                    await exited.Task.ConfigureAwait(false);
                }
                process.WaitForExit(); // flushes the redirected streams
                cancellationToken.ThrowIfCancellationRequested();
                lock (lines) return new ProcessResult(process.ExitCode, lines.ToArray());
            }
        }
    }
}
