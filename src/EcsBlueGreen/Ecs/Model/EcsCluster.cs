namespace EcsBlueGreen.Ecs.Model
{
    /// <summary>Read model of a DescribeClusters entry (added by the access layer; completion and checks).</summary>
    public sealed class EcsCluster
    {
        public string ClusterArn { get; set; } = "";
        public string ClusterName { get; set; } = "";
        /// <summary>ACTIVE, PROVISIONING, DEPROVISIONING, FAILED or INACTIVE.</summary>
        public string Status { get; set; } = "";
        public int ActiveServicesCount { get; set; }
        public int RunningTasksCount { get; set; }
        public int PendingTasksCount { get; set; }
    }
}
