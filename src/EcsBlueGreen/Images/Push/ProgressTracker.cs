using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace EcsBlueGreen.Images
{
    /// <summary>Counts bytes per blob and overall from many threads and forwards them to the reporter.</summary>
    internal sealed class ProgressTracker
    {
        private readonly IReadOnlyList<Descriptor> _blobs;
        private readonly IPushProgress? _sink;
        private readonly long[] _perBlob;
        private readonly long _total;
        private long _overall;

        public ProgressTracker(IReadOnlyList<Descriptor> blobs, IPushProgress? sink)
        {
            _blobs = blobs;
            _sink = sink;
            _perBlob = new long[blobs.Count];
            _total = blobs.Sum(b => b.Size);
        }

        public void Sent(int index, long bytes)
        {
            long blob = Interlocked.Add(ref _perBlob[index], bytes);
            long overall = Interlocked.Add(ref _overall, bytes);
            _sink?.Report(new PushProgress(_blobs[index], index, _blobs.Count, BlobPushState.Uploading, blob, overall, _total));
        }

        /// <summary>The blob is done (skipped, mounted or uploaded): count all its bytes as settled.</summary>
        public void Settled(int index, BlobPushState state)
        {
            long size = _blobs[index].Size;
            long before = Interlocked.Exchange(ref _perBlob[index], size);
            long overall = Interlocked.Add(ref _overall, size - before);
            _sink?.Report(new PushProgress(_blobs[index], index, _blobs.Count, state, size, overall, _total));
        }

        /// <summary>A retried upload starts from zero again.</summary>
        public void Restart(int index)
        {
            long before = Interlocked.Exchange(ref _perBlob[index], 0);
            Interlocked.Add(ref _overall, -before);
        }
    }
}
