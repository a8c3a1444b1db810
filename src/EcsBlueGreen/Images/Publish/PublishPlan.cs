using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EcsBlueGreen.Ecr.Model;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// Everything <see cref="ImagePublisher.PlanAsync"/> found out without writing: the repository, the
    /// image (archive opened, or source manifest fetched), which tags need writing. The cmdlet shows
    /// <see cref="Description"/> to ShouldProcess, then hands the plan to ExecuteAsync.
    /// </summary>
    public sealed class PublishPlan : IDisposable
    {
        internal PublishPlan(PublishEcrImageRequest request) => Request = request;

        public PublishEcrImageRequest Request { get; }
        /// <summary>Null when the repository will be created.</summary>
        public EcrRepository? Repository { get; internal set; }
        public bool CreatesRepository => Repository == null;
        public ImageArchive? Archive { get; internal set; }
        public IImageBuilder? Builder { get; internal set; }
        public string? DockerfilePath { get; internal set; }
        public EcrImageManifest? SourceManifest { get; internal set; }
        /// <summary>Known before execution for Archive and Promote; after the build for Build.</summary>
        public string? Digest { get; internal set; }
        /// <summary>Tag → digest for the requested tags that already exist.</summary>
        public IReadOnlyDictionary<string, string> ExistingTags { get; internal set; } = new Dictionary<string, string>();
        public IReadOnlyList<string> Tags => Request.Tags;

        /// <summary>Requested tags that do not already point at <see cref="Digest"/>.</summary>
        public IReadOnlyList<string> TagsToWrite =>
            Tags.Where(t => !(Digest != null && ExistingTags.TryGetValue(t, out var d) && d == Digest)).ToList();

        /// <summary>What would happen, for -WhatIf / -Confirm.</summary>
        public string Description
        {
            get
            {
                var text = new StringBuilder();
                if (CreatesRepository)
                    text.Append($"create repository (tags {(Request.ImmutableTags ? "immutable" : "mutable")}, scan on push {(Request.ScanOnPush ? "on" : "off")}); ");
                switch (Request.Source)
                {
                    case PublishSource.Build:
                        text.Append($"build {Request.ContextPath} ({DockerfilePath}) with {Builder?.Name}, push it, tag {string.Join(", ", Tags)}");
                        break;
                    case PublishSource.Archive:
                        text.Append($"push {Archive?.Location} ({Archive?.Layers.Count} layers, {PushProgressReporter.Size(Archive?.TotalSize ?? 0)}, {Digest}) and tag {string.Join(", ", TagsToWrite.DefaultIfEmpty("(nothing: already tagged)"))}");
                        break;
                    default:
                        text.Append($"tag {Digest} ({Request.SourceTag ?? "digest"}) as {string.Join(", ", TagsToWrite.DefaultIfEmpty("(nothing: already tagged)"))}");
                        break;
                }
                return text.ToString();
            }
        }

        public void Dispose() => Archive?.Dispose();
    }
}
