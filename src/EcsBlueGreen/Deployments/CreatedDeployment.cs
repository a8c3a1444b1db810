using System.Collections.Generic;
using System.Linq;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    internal static class CreatedDeployment
    {
        /// <summary>
        /// The deployment an UpdateService created: the newest one that was not there before (so a
        /// force-new-deployment of the same revision is found too), else the PRIMARY running it.
        /// </summary>
        public static DeploymentEntry? Find(EcsService updated, ISet<string> knownBefore, string taskDefinitionArn) =>
            updated.Deployments.Where(d => !knownBefore.Contains(d.Id)).OrderByDescending(d => d.CreatedAt).FirstOrDefault()
            ?? updated.Deployments.Where(d => d.IsPrimary && d.TaskDefinition == taskDefinitionArn).OrderByDescending(d => d.CreatedAt).FirstOrDefault();
    }
}
