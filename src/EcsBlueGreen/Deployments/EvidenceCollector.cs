using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>The tasks of one deployment (startedBy = its id; ECS keeps stopped ones about an hour),
    /// and the stopped ones with reasons and exit codes.</summary>
    public static class EvidenceCollector
    {
        public static async Task<IReadOnlyList<StoppedTaskInfo>> StoppedTasksAsync(IEcsApi ecs, string cluster, string deploymentId, CancellationToken cancellationToken)
        {
            var tasks = await TasksOfAsync(ecs, cluster, deploymentId, new[] { EcsTaskStatus.Stopped }, cancellationToken).ConfigureAwait(false);
            return tasks.Where(t => t.StartedBy == null || t.StartedBy == deploymentId).Select(ToInfo).OrderBy(t => t.StoppedAt).ToList();
        }

        /// <summary>The tasks ECS lists for the deployment under each desired status, described once.</summary>
        public static async Task<IReadOnlyList<EcsTask>> TasksOfAsync(IEcsApi ecs, string cluster, string deploymentId, IReadOnlyList<string> desiredStatuses, CancellationToken cancellationToken)
        {
            var arns = new List<string>();
            foreach (var status in desiredStatuses)
            {
                arns.AddRange(await ecs.ListTasksAsync(new ListTasksRequest { Cluster = cluster, StartedBy = deploymentId, DesiredStatus = status }, cancellationToken).ConfigureAwait(false));
            }

            if (arns.Count == 0)
            {
                return new List<EcsTask>();
            }

            return await ecs.DescribeTasksAsync(cluster, arns.Distinct(System.StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        }

        public static string TaskIdOf(string taskArn) => taskArn.Substring(taskArn.LastIndexOf('/') + 1);

        public static StoppedTaskInfo ToInfo(EcsTask task) => new StoppedTaskInfo
        {
            TaskArn = task.TaskArn,
            TaskId = TaskIdOf(task.TaskArn),
            StoppedReason = task.StoppedReason,
            StopCode = task.StopCode,
            // A task still deprovisioning has no stoppedAt yet; when it began stopping is the useful time.
            StoppedAt = task.StoppedAt ?? task.StoppingAt,
            Containers = task.Containers.Select(c => new ContainerExit { Name = c.Name, ExitCode = c.ExitCode, Reason = c.Reason }).ToList(),
        };
    }
}
