namespace EcsBlueGreen.Deployments
{
    /// <summary>What one observation says about a deployment.</summary>
    public sealed class Verdict
    {
        public Verdict(DeploymentStatus status, string? reason = null, string? rolledBackTo = null)
        {
            Status = status;
            Reason = reason;
            RolledBackTo = rolledBackTo;
        }

        public static readonly Verdict InProgress = new Verdict(DeploymentStatus.InProgress);

        public DeploymentStatus Status { get; }
        public string? Reason { get; }
        public string? RolledBackTo { get; }

        public bool IsTerminal => Status != DeploymentStatus.InProgress;
    }
}
