using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>The stopped tasks of one deployment (startedBy = its id), with reasons and exit codes.</summary>
    public static class EvidenceCollector
    {
        public static async Task<IReadOnlyList<StoppedTaskInfo>> StoppedTasksAsync(IEcsApi ecs, string cluster, string deploymentId, CancellationToken cancellationToken)
        {
            var arns = await ecs.ListTasksAsync(new ListTasksRequest { Cluster = cluster, StartedBy = deploymentId, DesiredStatus = EcsTaskStatus.Stopped }, cancellationToken).ConfigureAwait(false);
            if (arns.Count == 0)
            {
                return new List<StoppedTaskInfo>();
            }

            var tasks = await ecs.DescribeTasksAsync(cluster, arns, cancellationToken).ConfigureAwait(false);
            return tasks.Where(t => t.StartedBy == null || t.StartedBy == deploymentId).Select(ToInfo).OrderBy(t => t.StoppedAt).ToList();
        }

        public static StoppedTaskInfo ToInfo(EcsTask task) => new StoppedTaskInfo
        {
            TaskArn = task.TaskArn,
            TaskId = task.TaskArn.Substring(task.TaskArn.LastIndexOf('/') + 1),
            StoppedReason = task.StoppedReason,
            StopCode = task.StopCode,
            // A task still deprovisioning has no stoppedAt yet; when it began stopping is the useful time.
            StoppedAt = task.StoppedAt ?? task.StoppingAt,
            Containers = task.Containers.Select(c => new ContainerExit { Name = c.Name, ExitCode = c.ExitCode, Reason = c.Reason }).ToList(),
        };
    }
}
