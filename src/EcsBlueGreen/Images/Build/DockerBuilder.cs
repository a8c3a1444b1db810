using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// Builds with the docker CLI (needs a daemon), then `docker save` into the build folder, which our own
    /// registry client pushes: docker is never logged in, ~/.docker/config.json is never touched.
    /// </summary>
    public sealed class DockerBuilder : IImageBuilder
    {
        private readonly string _executable;
        private readonly IProcessRunner _runner;

        public DockerBuilder(string executable, IProcessRunner? runner = null)
        {
            _executable = executable;
            _runner = runner ?? new ProcessRunner();
        }

        public string Name => "docker";

        public IReadOnlyList<string> Describe(ImageBuildSpec spec, string archivePath) => new[]
        {
            "docker " + CommandLine.Join(BuildCommands.BuildArguments(spec, IidFile(archivePath))),
            "docker " + CommandLine.Join(new[] { "save", "--output", archivePath, "<image id>" }),
        };

        public async Task BuildAsync(ImageBuildSpec spec, string archivePath, IReporter reporter, CancellationToken cancellationToken)
        {
            string iid = IidFile(archivePath);
            var build = await _runner.RunAsync(_executable, BuildCommands.BuildArguments(spec, iid), BuildCommands.BuildArgEnvironment(spec), reporter.Verbose, cancellationToken).ConfigureAwait(false);
            if (build.ExitCode != 0) throw BuildCommands.Failed(Name, "build", build);
            string imageId = File.ReadAllText(iid).Trim();
            var save = await _runner.RunAsync(_executable, new[] { "save", "--output", archivePath, imageId }, null, reporter.Verbose, cancellationToken).ConfigureAwait(false);
            if (save.ExitCode != 0) throw BuildCommands.Failed(Name, "save", save);
        }

        private static string IidFile(string archivePath) => Path.Combine(Path.GetDirectoryName(archivePath)!, "image.id");
    }
}
