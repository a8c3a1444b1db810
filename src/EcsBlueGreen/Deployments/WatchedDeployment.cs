using System;
using System.Collections.Generic;
using EcsBlueGreen.Ecs;

namespace EcsBlueGreen.Deployments
{
    /// <summary>What the watcher remembers of one deployment between polls.</summary>
    internal sealed class WatchedDeployment
    {
        public WatchedDeployment(EcsDeployment deployment, IEcsApi ecs, int index)
        {
            Deployment = deployment;
            Ecs = ecs;
            ProgressId = 1000 + index;
            foreach (var e in deployment.Events)
            {
                SeenEvents.Add(Key(e.CreatedAt, e.Message));
            }

            Events.AddRange(deployment.Events);
        }

        public EcsDeployment Deployment { get; }
        public IEcsApi Ecs { get; }
        public int ProgressId { get; }
        public HashSet<string> SeenEvents { get; } = new HashSet<string>(StringComparer.Ordinal);
        public List<ServiceEventRecord> Events { get; } = new List<ServiceEventRecord>();
        public int FailedTasksChecked { get; set; }
        public int PollsSinceFailureCheck { get; set; }
        public string Subject => $"{Deployment.Cluster}/{Deployment.Service}";

        public static string Key(DateTimeOffset at, string message) => at.ToUnixTimeMilliseconds() + "|" + message;
    }
}
