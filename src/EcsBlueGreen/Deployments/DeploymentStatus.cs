namespace EcsBlueGreen.Deployments
{
    /// <summary>The one outcome a deployment is reported with.</summary>
    public enum DeploymentStatus
    {
        InProgress,
        /// <summary>Ours is PRIMARY and COMPLETED, running = desired, older deployments gone.</summary>
        Succeeded,
        /// <summary>Failed and not rolled back (circuit breaker without rollback, or -FailFast evidence).</summary>
        Failed,
        /// <summary>The circuit breaker, an alarm or someone rolled it back.</summary>
        RolledBack,
        /// <summary>Someone else's newer deployment replaced ours.</summary>
        Stopped,
        /// <summary>The wait ended first; the deployment goes on.</summary>
        TimedOut,
        /// <summary>ECS holds the deployment at a PAUSE hook nobody in this wait answers: it waits for a continue or a rollback.</summary>
        AwaitingApproval,
    }

    public enum DeploymentKind
    {
        Deployment,
        Rollback,
    }
}
