using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Images
{
    /// <summary>How <see cref="ImagePusher"/> moves blobs.</summary>
    public sealed class PushOptions
    {
        /// <summary>Blobs sent at the same time. Three keeps a link busy without starving the registry.</summary>
        public int MaxParallelBlobs { get; set; } = 3;

        /// <summary>Blobs larger than this go in PATCH chunks; smaller ones in one PUT.</summary>
        public long ChunkedUploadThreshold { get; set; } = 32L * 1024 * 1024;

        /// <summary>Size of each PATCH. ECR needs at least 5 MiB per part (except the last one).</summary>
        public long ChunkSize { get; set; } = 16L * 1024 * 1024;

        /// <summary>Other repositories of the same registry that may hold the blobs (mount sources),
        /// in addition to what <see cref="BlobLocationCache"/> remembers.</summary>
        public IReadOnlyList<string> MountFrom { get; set; } = Array.Empty<string>();

        internal void Validate()
        {
            if (MaxParallelBlobs < 1) throw new ArgumentOutOfRangeException(nameof(MaxParallelBlobs));
            if (ChunkSize < 1) throw new ArgumentOutOfRangeException(nameof(ChunkSize));
        }
    }
}
