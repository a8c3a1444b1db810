using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Images
{
    /// <summary>What a push did, blob by blob (for tests, verbose output and the benchmark).</summary>
    public sealed class PushResult
    {
        public PushResult(string manifestDigest, IReadOnlyList<string> tagsWritten, int uploaded, int skipped, int mounted, long bytesUploaded, TimeSpan elapsed)
        {
            ManifestDigest = manifestDigest;
            TagsWritten = tagsWritten;
            BlobsUploaded = uploaded;
            BlobsSkipped = skipped;
            BlobsMounted = mounted;
            BytesUploaded = bytesUploaded;
            Elapsed = elapsed;
        }

        public string ManifestDigest { get; }
        public IReadOnlyList<string> TagsWritten { get; }
        public int BlobsUploaded { get; }
        public int BlobsSkipped { get; }
        public int BlobsMounted { get; }
        public long BytesUploaded { get; }
        public TimeSpan Elapsed { get; }
    }
}
