using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Images
{
    /// <summary>Which podman storage a build uses.</summary>
    public enum PodmanStorage
    {
        /// <summary>The user's configured store (overlay usually): build cache and base images reused.</summary>
        Default,
        /// <summary>vfs in a private store under the build folder, removed afterwards: works in containers
        /// and CI agents without overlay support, and cannot clash with the user's store's driver.</summary>
        PrivateVfs,
    }

    /// <summary>
    /// Builds with podman (daemonless), then `podman save --format oci-archive` into the build folder, which
    /// our own registry client pushes. Podman is never logged in to anything.
    /// </summary>
    public sealed class PodmanBuilder : IImageBuilder
    {
        private readonly string _executable;
        private readonly PodmanStorage _storage;
        private readonly IProcessRunner _runner;
        // podman refuses a runroot longer than 50 characters, so it cannot live under the build folder.
        private readonly string _runRoot = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), "ebg-" + Guid.NewGuid().ToString("N").Substring(0, 12));

        public PodmanBuilder(string executable, PodmanStorage storage, IProcessRunner? runner = null)
        {
            _executable = executable;
            _storage = storage;
            _runner = runner ?? new ProcessRunner();
        }

        public string Name => "podman";
        public PodmanStorage Storage => _storage;

        public IReadOnlyList<string> Describe(ImageBuildSpec spec, string archivePath)
        {
            var storage = StorageArguments(Path.GetDirectoryName(archivePath)!);
            string iid = IidFile(archivePath);
            return new[]
            {
                "podman " + CommandLine.Join(storage.Concat(BuildCommands.BuildArguments(spec, iid))),
                "podman " + CommandLine.Join(storage.Concat(new[] { "save", "--format", "oci-archive", "--output", archivePath, "<image id>" })),
            };
        }

        public async Task BuildAsync(ImageBuildSpec spec, string archivePath, IReporter reporter, CancellationToken cancellationToken)
        {
            string work = Path.GetDirectoryName(archivePath)!;
            var storage = StorageArguments(work);
            string iid = IidFile(archivePath);
            try
            {
                var build = await _runner.RunAsync(_executable, storage.Concat(BuildCommands.BuildArguments(spec, iid)).ToList(),
                    BuildCommands.BuildArgEnvironment(spec), reporter.Verbose, cancellationToken).ConfigureAwait(false);
                if (build.ExitCode != 0) throw BuildCommands.Failed(Name, "build", build);
                string imageId = File.ReadAllText(iid).Trim();

                var save = await _runner.RunAsync(_executable, storage.Concat(new[] { "save", "--format", "oci-archive", "--output", archivePath, imageId }).ToList(),
                    null, reporter.Verbose, cancellationToken).ConfigureAwait(false);
                if (save.ExitCode != 0) throw BuildCommands.Failed(Name, "save", save);
            }
            finally
            {
                if (_storage == PodmanStorage.PrivateVfs) await RemovePrivateStoreAsync(work).ConfigureAwait(false);
            }
        }

        private IEnumerable<string> StorageArguments(string work) =>
            _storage == PodmanStorage.PrivateVfs
                ? new[] { "--storage-driver", "vfs", "--root", Path.Combine(work, "storage"), "--runroot", _runRoot }
                : Array.Empty<string>();

        private static string IidFile(string archivePath) => Path.Combine(Path.GetDirectoryName(archivePath)!, "image.id");

        /// <summary>Rootless podman leaves files owned by sub-uids that only its user namespace can delete.</summary>
        private async Task RemovePrivateStoreAsync(string work)
        {
            foreach (string dir in new[] { Path.Combine(work, "storage"), _runRoot })
            {
                if (!Directory.Exists(dir)) continue;
                try { Directory.Delete(dir, true); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    await _runner.RunAsync(_executable, new[] { "unshare", "rm", "-rf", dir }, null, null, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }
}
