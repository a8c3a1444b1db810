using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Images
{
    /// <summary>The `build` arguments podman and docker share. Build-arg values travel in the child's
    /// environment (`--build-arg NAME` reads it there), so they never appear on a command line.</summary>
    internal static class BuildCommands
    {
        public static List<string> BuildArguments(ImageBuildSpec spec, string iidFile)
        {
            var args = new List<string> { "build", "--file", spec.DockerfilePath, "--iidfile", iidFile };
            if (spec.Platform != null) args.AddRange(new[] { "--platform", spec.Platform });
            foreach (string name in spec.BuildArgs.Keys.OrderBy(k => k, System.StringComparer.Ordinal)) args.AddRange(new[] { "--build-arg", name });
            args.Add(spec.ContextPath);
            return args;
        }

        public static Dictionary<string, string?> BuildArgEnvironment(ImageBuildSpec spec) =>
            spec.BuildArgs.ToDictionary(p => p.Key, p => (string?)p.Value);

        public static ImagePublishException Failed(string builder, string step, ProcessResult result)
        {
            var tail = result.Output.Skip(System.Math.Max(0, result.Output.Count - 15));
            return new ImagePublishException(ErrorIds.ImageBuildFailed,
                $"{builder} {step} failed (exit code {result.ExitCode}):\n" + string.Join("\n", tail), builder);
        }
    }
}
