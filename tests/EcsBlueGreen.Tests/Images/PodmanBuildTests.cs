using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Images;
using Xunit;

namespace EcsBlueGreen.Tests.Images
{
    public class PodmanBuildTests : IDisposable
    {
        private readonly TempDir _temp = new();
        public void Dispose() => _temp.Dispose();

        // podman is a test prerequisite (.ci/run installs it): without it this fails, it does not skip.
        private static void RequirePodman()
        {
            bool found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "podman")));
            Assert.True(found, "podman is not installed on this machine (apt-get install podman); the build path needs a builder to be tested.");
        }

        [Fact]
        public async Task Builds_from_scratch_in_a_private_vfs_store_and_pushes_without_giving_podman_the_token()
        {
            RequirePodman();
            string context = Directory.CreateDirectory(_temp.File("ctx")).FullName;
            File.WriteAllText(Path.Combine(context, "hello.txt"), "hello from the build\n");
            File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nARG GREETING\nCOPY hello.txt /hello.txt\n");
            string work = Directory.CreateDirectory(_temp.File("work")).FullName;
            var registry = new FakeRegistry();
            var ecr = new FakeEcr(registry);
            ecr.AddRepository("built/app");
            var runner = new RecordingRunner();
            var settings = new ImagePublisherSettings(TestRetry.Immediate())
            {
                RegistryFactory = (endpoint, credentials, retry) => new RegistryClient(endpoint, credentials, retry, registry),
                Builders = new ImageBuilderLocator(runner, environment: name => name == "ECSBG_PODMAN_STORAGE" ? "vfs" : Environment.GetEnvironmentVariable(name)),
                WorkDirectory = work,
            };
            var reporter = new RecordingReporter();
            var publisher = new ImagePublisher(ecr, settings, reporter);
            var request = new PublishEcrImageRequest
            {
                Source = PublishSource.Build, RepositoryName = "built/app", Tags = new[] { "1.0" }, ContextPath = context,
                BuildArgs = new Dictionary<string, string> { ["GREETING"] = "build-arg-value-not-on-the-command-line" },
            };

            using var plan = await publisher.PlanAsync(request, CancellationToken.None);
            Assert.Equal("podman", plan.Builder!.Name);
            var image = await publisher.ExecuteAsync(plan, null, CancellationToken.None);

            // The pushed image holds the file COPY put there.
            var manifest = System.Text.Json.JsonDocument.Parse(registry.Manifests["built/app@1.0"].Bytes);
            string layer = manifest.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
            Assert.Contains("hello from the build", ReadLayerText(registry.Blobs[layer]));
            Assert.Equal(image.Digest, TestImage.Sha(registry.Manifests["built/app@1.0"].Bytes));

            // Private vfs store, and nothing secret on any command line or in any child's environment.
            Assert.Contains(runner.Spawns, s => s.Arguments.Contains("build") && s.Arguments.Contains("vfs") && s.Arguments.Contains("--storage-driver"));
            foreach (var spawn in runner.Spawns)
            {
                Assert.DoesNotContain(spawn.Arguments, a => a.Contains(registry.Password) || a.Contains("build-arg-value-not"));
                Assert.DoesNotContain(spawn.Environment.Values, v => v != null && v.Contains(registry.Password));
            }
            Assert.DoesNotContain(reporter.All, line => line.Contains(registry.Password));
            // The build folder (archive, iid file, vfs store) is gone.
            Assert.Empty(Directory.GetFileSystemEntries(work));
        }

        [Fact]
        public async Task A_failing_build_reports_the_builders_output()
        {
            var runner = new ScriptedRunner(new ProcessResult(1, new[] { "STEP 1/1: FROM nothing", "Error: no such image" }));
            var builder = new PodmanBuilder("podman", PodmanStorage.Default, runner);
            var e = await Assert.ThrowsAsync<ImagePublishException>(() =>
                builder.BuildAsync(new ImageBuildSpec { ContextPath = _temp.Path, DockerfilePath = _temp.File("Dockerfile") }, _temp.File("image.tar"), new RecordingReporter(), CancellationToken.None));
            Assert.Equal(ErrorIds.ImageBuildFailed.Id, e.ErrorId);
            Assert.Contains("no such image", e.Message);
        }

        [Fact]
        public async Task Auto_picks_podman_then_a_docker_with_a_daemon_else_nothing()
        {
            var none = new ImageBuilderLocator(new ScriptedRunner(new ProcessResult(0, Array.Empty<string>())), findExecutable: _ => null);
            Assert.Null(await none.FindAsync(ImageBuilderKind.Auto, CancellationToken.None));

            var dockerNoDaemon = new ImageBuilderLocator(new ScriptedRunner(new ProcessResult(1, new[] { "Cannot connect to the Docker daemon" })), findExecutable: n => n == "docker" ? "/usr/bin/docker" : null);
            Assert.Null(await dockerNoDaemon.FindAsync(ImageBuilderKind.Auto, CancellationToken.None));

            var both = new ImageBuilderLocator(new ScriptedRunner(new ProcessResult(0, Array.Empty<string>())), findExecutable: n => "/usr/bin/" + n);
            Assert.Equal("podman", (await both.FindAsync(ImageBuilderKind.Auto, CancellationToken.None))!.Name);
            Assert.Equal("docker", (await both.FindAsync(ImageBuilderKind.Docker, CancellationToken.None))!.Name);
        }

        [Theory]
        [InlineData("plain")]
        [InlineData("with space")]
        [InlineData("quote\"inside")]
        [InlineData("trailing\\")]
        [InlineData("")]
        public void Command_lines_round_trip_through_the_argument_parser(string argument)
        {
            string line = CommandLine.Join(new[] { "a", argument, "z" });
            Assert.Equal(new[] { "a", argument, "z" }, SplitLikeWindows(line));
        }

        /// <summary>CommandLineToArgvW's rules (what .NET's Unix process start uses too).</summary>
        private static List<string> SplitLikeWindows(string line)
        {
            var result = new List<string>();
            var current = new System.Text.StringBuilder();
            bool inQuotes = false, any = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (c == '\\')
                {
                    int n = 0;
                    while (i < line.Length && line[i] == '\\') { n++; i++; }
                    if (i < line.Length && line[i] == '"') { current.Append('\\', n / 2); if (n % 2 == 1) current.Append('"'); else { inQuotes = !inQuotes; any = true; } }
                    else { current.Append('\\', n); i--; }
                    continue;
                }
                if (c == '"') { inQuotes = !inQuotes; any = true; continue; }
                if (c == ' ' && !inQuotes) { if (current.Length > 0 || any) result.Add(current.ToString()); current.Clear(); any = false; continue; }
                current.Append(c);
            }
            if (current.Length > 0 || any) result.Add(current.ToString());
            return result;
        }

        private static string ReadLayerText(byte[] layer)
        {
            using var input = new MemoryStream(layer);
            Stream tar = layer.Length > 2 && layer[0] == 0x1f && layer[1] == 0x8b ? new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress) : input;
            using var reader = new System.Formats.Tar.TarReader(tar);
            var text = new System.Text.StringBuilder();
            while (reader.GetNextEntry() is { } entry)
                if (entry.DataStream != null) text.Append(new StreamReader(entry.DataStream).ReadToEnd());
            return text.ToString();
        }

        internal sealed class RecordingRunner : IProcessRunner
        {
            private readonly ProcessRunner _real = new();
            public ConcurrentBag<(string File, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment)> Spawns { get; } = new();

            public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, Action<string>? onLine, CancellationToken cancellationToken)
            {
                Spawns.Add((fileName, arguments, environment ?? new Dictionary<string, string?>()));
                return _real.RunAsync(fileName, arguments, environment, onLine, cancellationToken);
            }
        }

        private sealed class ScriptedRunner : IProcessRunner
        {
            private readonly ProcessResult _result;
            public ScriptedRunner(ProcessResult result) => _result = result;
            public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, Action<string>? onLine, CancellationToken cancellationToken) => Task.FromResult(_result);
        }
    }
}
