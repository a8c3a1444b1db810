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

        /// <summary>A deployment the wait stopped following because ECS was unreachable: where, since when,
        /// what was last seen, and the command that picks the wait up again.</summary>
        public static ErrorRecord ForUnreachable(UnreachableDeployment lost, EcsUnreachableException cause)
        {
            var resume = VerdictText.ResumeCommand(lost.Deployment);
            var message = $"{EcsUnreachableException.Describe(lost)} When ECS answers again, resume with: {resume}";
            var action = $"Check the network, the proxy and -EndpointUrl ({lost.Endpoint?.ToString() ?? "the ECS endpoint"}), then resume with: {resume}";
            return ErrorCatalog.Record(new EcsBlueGreenException(ErrorIds.EcsUnreachable, message, cause), ErrorIds.EcsUnreachable, lost.Deployment, action);
        }
    }
}
