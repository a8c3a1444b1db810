namespace EcsBlueGreen.Reporting
{
    /// <summary>
    /// How the core tells the outside world what it is doing. The PowerShell layer turns these into
    /// Write-Verbose/Information/Warning/Progress on the pipeline thread; tests record them.
    /// Implementations must accept calls from any thread.
    /// </summary>
    public interface IReporter
    {
        void Verbose(string message);

        void Warning(string message);

        /// <summary>A line an operator reads live (service events, verdicts).</summary>
        void Information(InformationMessage message);

        void Progress(ProgressReport report);
    }
}
