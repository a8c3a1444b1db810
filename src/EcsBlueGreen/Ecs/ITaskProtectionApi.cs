using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Ecs
{
    /// <summary>GetTaskProtection: which tasks scale-in protection keeps from a deployment (read only).</summary>
    public interface ITaskProtectionApi
    {
        /// <summary>The protection of the given tasks of a cluster (10 a call, as ECS allows).</summary>
        Task<IReadOnlyList<TaskProtection>> GetTaskProtectionAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken);
    }

    /// <summary>One task's scale-in protection.</summary>
    public sealed class TaskProtection
    {
        public string TaskArn { get; set; } = "";
        public bool ProtectionEnabled { get; set; }
        public DateTimeOffset? ExpirationDate { get; set; }
    }
}
