using System;
using System.Collections.Concurrent;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// Turns byte counts into progress records (one bar per blob under an overall bar) for the module's
    /// reporter, at most one update per whole percent per bar: a 200 MB push reads 2,500 buffers and the
    /// host need not redraw for each.
    /// </summary>
    public sealed class PushProgressReporter : IPushProgress
    {
        private readonly IReporter _reporter;
        private readonly int _overallId;
        private readonly string _activity;
        private readonly ConcurrentDictionary<int, int> _lastPercent = new ConcurrentDictionary<int, int>();

        public PushProgressReporter(IReporter reporter, string activity, int overallActivityId = 4600)
        {
            _reporter = reporter;
            _activity = activity;
            _overallId = overallActivityId;
        }

        public void Report(PushProgress progress)
        {
            var p = progress;
            int blobId = _overallId + 1 + p.BlobIndex;
            int blobPercent = Percent(p.BlobBytesDone, p.Blob.Size);
            bool settled = p.State != BlobPushState.Uploading;
            if (settled || Changed(blobId, blobPercent))
            {
                string what = p.BlobIndex == 0 ? "config" : $"layer {p.BlobIndex}/{p.BlobCount - 1}";
                string status = $"{StateText(p.State)} {ShortDigest(p.Blob.Digest)}: {Size(p.BlobBytesDone)} of {Size(p.Blob.Size)}";
                _reporter.Progress(new ProgressReport(blobId, $"Pushing {what}", status, blobPercent, completed: settled, parentActivityId: _overallId));
            }
            int overall = Percent(p.OverallBytesDone, p.OverallBytes);
            if (Changed(_overallId, overall) || p.OverallBytesDone == p.OverallBytes)
                _reporter.Progress(new ProgressReport(_overallId, _activity, $"{Size(p.OverallBytesDone)} of {Size(p.OverallBytes)}", overall));
        }

        /// <summary>Closes the overall bar.</summary>
        public void Complete() => _reporter.Progress(new ProgressReport(_overallId, _activity, "Done", 100, completed: true));

        private bool Changed(int id, int percent)
        {
            int last = _lastPercent.GetOrAdd(id, -1);
            if (percent == last) return false;
            _lastPercent[id] = percent;
            return true;
        }

        private static int Percent(long done, long total) => total <= 0 ? 100 : (int)Math.Min(100, done * 100 / total);

        private static string StateText(BlobPushState s) =>
            s == BlobPushState.Skipped ? "Already in repository" : s == BlobPushState.Mounted ? "Mounted" : s == BlobPushState.Uploaded ? "Pushed" : "Uploading";

        internal static string ShortDigest(string digest) => digest.Length > 19 ? digest.Substring(7, 12) : digest;

        internal static string Size(long bytes) =>
            bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.0} MiB" : bytes >= 1024 ? $"{bytes / 1024.0:0.0} KiB" : $"{bytes} B";
    }
}
