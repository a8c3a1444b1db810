using System;

namespace EcsBlueGreen.Deployments
{
    /// <summary>A deployment that ended in anything but success; the deployment carries the evidence.</summary>
    public sealed class EcsDeploymentException : Exception
    {
        public EcsDeploymentException(EcsDeployment deployment, string message)
            : base(message)
        {
            Deployment = deployment;
        }

        public EcsDeployment Deployment { get; }
    }
}
