using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Images
{
    public enum ImageBuilderKind { Auto, Podman, Docker }

    /// <summary>What to build: a context folder and its Dockerfile/Containerfile.</summary>
    public sealed class ImageBuildSpec
    {
        public string ContextPath { get; set; } = "";
        public string DockerfilePath { get; set; } = "";
        public IReadOnlyDictionary<string, string> BuildArgs { get; set; } = new Dictionary<string, string>();
        /// <summary>os/arch[/variant], or null for the builder's default.</summary>
        public string? Platform { get; set; }
    }

    /// <summary>A container build CLI that can turn a context into an OCI archive on disk. It never sees
    /// registry credentials: the archive is pushed by our own client.</summary>
    public interface IImageBuilder
    {
        /// <summary>"podman" or "docker".</summary>
        string Name { get; }

        /// <summary>The command lines it would run, for -WhatIf and verbose output.</summary>
        IReadOnlyList<string> Describe(ImageBuildSpec spec, string archivePath);

        /// <summary>Builds and writes an OCI archive (or docker-save tar) to <paramref name="archivePath"/>.</summary>
        Task BuildAsync(ImageBuildSpec spec, string archivePath, IReporter reporter, CancellationToken cancellationToken);
    }

    /// <summary>Finds a builder CLI on this machine.</summary>
    public interface IImageBuilderLocator
    {
        /// <summary>Null when the requested builder (or, for Auto, any builder) is not usable here.</summary>
        Task<IImageBuilder?> FindAsync(ImageBuilderKind kind, CancellationToken cancellationToken);
    }
}
