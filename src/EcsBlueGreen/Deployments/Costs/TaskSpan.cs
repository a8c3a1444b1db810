using System;

namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>
    /// When one task occupied capacity: from its pull start (else start, else creation) to its stop
    /// (null while it still runs). Fargate bills from the pull start, so that is where the window opens.
    /// </summary>
    public sealed class TaskSpan
    {
        public TaskSpan(string taskId, bool isNew, DateTimeOffset start, DateTimeOffset? stop)
        {
            TaskId = taskId;
            IsNew = isNew;
            Start = start;
            Stop = stop;
        }

        public string TaskId { get; }

        /// <summary>A task of the deployment being measured (else of an older one it replaces).</summary>
        public bool IsNew { get; }

        public DateTimeOffset Start { get; }

        public DateTimeOffset? Stop { get; }
    }
}
