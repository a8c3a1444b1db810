using System.Collections.Concurrent;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>Everything the core reported, as a cmdlet would have written it.</summary>
    internal sealed class RecordingReporter : IReporter
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();

        public int Count => _lines.Count;

        /// <summary>Verbose, warning, information and progress text, one line each.</summary>
        public string Text => string.Join("\n", _lines.ToArray());

        public void Verbose(string message) => _lines.Enqueue("VERBOSE: " + message);

        public void Warning(string message) => _lines.Enqueue("WARNING: " + message);

        public void Information(InformationMessage message) => _lines.Enqueue("INFO: " + message);

        public void Progress(ProgressReport report) => _lines.Enqueue("PROGRESS: " + report.Activity + " " + report.Status);
    }
}
