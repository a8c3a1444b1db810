using System.Management.Automation;
using EcsBlueGreen.Deployments;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>One error record per non-success verdict, with the deployment (and its evidence) as target.</summary>
    internal static class VerdictErrors
    {
        public static ErrorRecord? For(EcsDeployment deployment)
        {
            ErrorCategory category;
            switch (deployment.Status)
            {
                case DeploymentStatus.Failed: category = ErrorCategory.InvalidResult; break;
                case DeploymentStatus.RolledBack: category = ErrorCategory.InvalidResult; break;
                case DeploymentStatus.Stopped: category = ErrorCategory.OperationStopped; break;
                case DeploymentStatus.TimedOut: category = ErrorCategory.OperationTimeout; break;
                default: return null;
            }

            var kind = deployment.Kind == DeploymentKind.Rollback ? "Rollback" : "Deployment";
            var message = $"{kind} {deployment.DeploymentId ?? deployment.ServiceDeploymentArn} of {deployment.Cluster}/{deployment.Service}: {deployment.Status}. {deployment.StatusReason ?? VerdictText.Reason(deployment)}";
            var exception = new EcsDeploymentException(deployment, message);
            return new ErrorRecord(exception, $"EcsDeployment{deployment.Status}", category, deployment)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = VerdictText.RecommendedAction(deployment) },
            };
        }
    }
}
