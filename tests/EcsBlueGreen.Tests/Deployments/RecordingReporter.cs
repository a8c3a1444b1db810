using System.Collections.Concurrent;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Tests.Deployments
{
    internal sealed class RecordingReporter : IReporter
    {
        public ConcurrentQueue<string> Verbose { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<InformationMessage> Information { get; } = new ConcurrentQueue<InformationMessage>();
        public ConcurrentQueue<ProgressReport> Progress { get; } = new ConcurrentQueue<ProgressReport>();

        void IReporter.Verbose(string message) => Verbose.Enqueue(message);
        void IReporter.Warning(string message) => Warnings.Enqueue(message);
        void IReporter.Information(InformationMessage message) => Information.Enqueue(message);
        void IReporter.Progress(ProgressReport report) => Progress.Enqueue(report);
    }
}
