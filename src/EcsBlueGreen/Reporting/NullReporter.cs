namespace EcsBlueGreen.Reporting
{
    public sealed class NullReporter : IReporter
    {
        public static readonly NullReporter Instance = new NullReporter();

        public void Verbose(string message) { }
        public void Warning(string message) { }
        public void Information(InformationMessage message) { }
        public void Progress(ProgressReport report) { }
    }
}
