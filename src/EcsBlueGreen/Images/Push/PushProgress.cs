namespace EcsBlueGreen.Images
{
    public enum BlobPushState
    {
        /// <summary>The registry already had it (BatchCheckLayerAvailability or HEAD).</summary>
        Skipped,
        /// <summary>Linked from another repository of the registry, no data sent.</summary>
        Mounted,
        Uploading,
        Uploaded,
    }

    /// <summary>One step of a push: bytes of one blob and of the whole image. Sent from worker threads.</summary>
    public sealed class PushProgress
    {
        public PushProgress(Descriptor blob, int blobIndex, int blobCount, BlobPushState state, long blobBytesDone, long overallBytesDone, long overallBytes)
        {
            Blob = blob;
            BlobIndex = blobIndex;
            BlobCount = blobCount;
            State = state;
            BlobBytesDone = blobBytesDone;
            OverallBytesDone = overallBytesDone;
            OverallBytes = overallBytes;
        }

        public Descriptor Blob { get; }
        /// <summary>0 = config, then layers in manifest order.</summary>
        public int BlobIndex { get; }
        public int BlobCount { get; }
        public BlobPushState State { get; }
        public long BlobBytesDone { get; }
        /// <summary>Bytes settled so far over all blobs: sent, or skipped/mounted (counted as done).</summary>
        public long OverallBytesDone { get; }
        public long OverallBytes { get; }
    }

    /// <summary>Receives push progress; implementations must accept calls from any thread.</summary>
    public interface IPushProgress
    {
        void Report(PushProgress progress);
    }
}
