using System.Management.Automation;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>One error record per non-success verdict, with the deployment (and its evidence) as target.</summary>
    internal static class VerdictErrors
    {
        public static ErrorRecord? For(EcsDeployment deployment)
        {
            ErrorDefinition error;
            switch (deployment.Status)
            {
                case DeploymentStatus.Failed: error = ErrorIds.EcsDeploymentFailed; break;
                case DeploymentStatus.RolledBack: error = ErrorIds.EcsDeploymentRolledBack; break;
                case DeploymentStatus.Stopped: error = ErrorIds.EcsDeploymentStopped; break;
                case DeploymentStatus.TimedOut: error = ErrorIds.EcsDeploymentTimedOut; break;
                default: return null;
            }

            var kind = deployment.Kind == DeploymentKind.Rollback ? "Rollback" : "Deployment";
            var message = $"{kind} {deployment.DeploymentId ?? deployment.ServiceDeploymentArn} of {deployment.Cluster}/{deployment.Service}: {deployment.Status}. {deployment.StatusReason ?? VerdictText.Reason(deployment)}";
            return ErrorCatalog.Record(new EcsDeploymentException(deployment, message), error, deployment, VerdictText.RecommendedAction(deployment));
        }
    }
}
