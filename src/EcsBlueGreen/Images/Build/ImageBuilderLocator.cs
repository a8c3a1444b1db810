using System;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// Finds podman or docker and checks it can build here: podman's store must open (else a private vfs
    /// store is used), docker needs a reachable daemon. Auto prefers podman (daemonless, what CI agents
    /// have). ECSBG_PODMAN_STORAGE=vfs|default overrides the podman store choice.
    /// </summary>
    public sealed class ImageBuilderLocator : IImageBuilderLocator
    {
        private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);
        private readonly IProcessRunner _runner;
        private readonly Func<string, string?> _find;
        private readonly Func<string, string?> _environment;

        public ImageBuilderLocator(IProcessRunner? runner = null, Func<string, string?>? findExecutable = null, Func<string, string?>? environment = null)
        {
            _runner = runner ?? new ProcessRunner();
            _find = findExecutable ?? ExecutableFinder.Find;
            _environment = environment ?? Environment.GetEnvironmentVariable;
        }

        public async Task<IImageBuilder?> FindAsync(ImageBuilderKind kind, CancellationToken cancellationToken)
        {
            if (kind != ImageBuilderKind.Docker && await FindPodmanAsync(cancellationToken).ConfigureAwait(false) is IImageBuilder podman) return podman;
            if (kind != ImageBuilderKind.Podman && await FindDockerAsync(cancellationToken).ConfigureAwait(false) is IImageBuilder docker) return docker;
            return null;
        }

        private async Task<IImageBuilder?> FindPodmanAsync(CancellationToken cancellationToken)
        {
            string? exe = _find("podman");
            if (exe == null) return null;
            string? choice = _environment("ECSBG_PODMAN_STORAGE");
            PodmanStorage storage;
            if (string.Equals(choice, "vfs", StringComparison.OrdinalIgnoreCase)) storage = PodmanStorage.PrivateVfs;
            else if (string.Equals(choice, "default", StringComparison.OrdinalIgnoreCase)) storage = PodmanStorage.Default;
            else storage = await ProbeAsync(exe, cancellationToken, "info", "--format", "{{.Store.GraphDriverName}}").ConfigureAwait(false) ? PodmanStorage.Default : PodmanStorage.PrivateVfs;
            return new PodmanBuilder(exe, storage, _runner);
        }

        private async Task<IImageBuilder?> FindDockerAsync(CancellationToken cancellationToken)
        {
            string? exe = _find("docker");
            // The CLI alone cannot build: it needs a daemon that answers.
            return exe != null && await ProbeAsync(exe, cancellationToken, "version", "--format", "{{.Server.Version}}").ConfigureAwait(false) ? new DockerBuilder(exe, _runner) : null;
        }

        private async Task<bool> ProbeAsync(string exe, CancellationToken cancellationToken, params string[] args)
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(ProbeTimeout);
                try
                {
                    return (await _runner.RunAsync(exe, args, null, null, timeout.Token).ConfigureAwait(false)).ExitCode == 0;
                }
                catch (Exception e) when ((e is OperationCanceledException && !cancellationToken.IsCancellationRequested) || e is System.ComponentModel.Win32Exception || e is InvalidOperationException)
                {
                    return false;
                }
            }
        }
    }
}
