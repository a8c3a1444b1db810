using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Ecs.Model
{
    /// <summary>Read model of a DescribeTasks entry: what evidence of a failed task needs.</summary>
    public sealed class EcsTask
    {
        public string TaskArn { get; set; } = "";
        public string TaskDefinitionArn { get; set; } = "";
        public string LastStatus { get; set; } = "";
        public string DesiredStatus { get; set; } = "";
        /// <summary>For service tasks: the deployment id (ecs-svc/...).</summary>
        public string? StartedBy { get; set; }
        public string? StoppedReason { get; set; }
        public string? StopCode { get; set; }
        public string? HealthStatus { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? StoppingAt { get; set; }
        public DateTimeOffset? StoppedAt { get; set; }
        public DateTimeOffset? PullStartedAt { get; set; }
        public DateTimeOffset? ExecutionStoppedAt { get; set; }
        /// <summary>Task-level CPU units and MiB as ECS reports them ("256", "512").</summary>
        public string? Cpu { get; set; }
        public string? Memory { get; set; }
        public string? LaunchType { get; set; }
        public string? CapacityProviderName { get; set; }
        /// <summary>The ecs.cpu-architecture attribute: x86_64 or arm64.</summary>
        public string? CpuArchitecture { get; set; }
        public IReadOnlyList<EcsContainer> Containers { get; set; } = Array.Empty<EcsContainer>();
    }

    public sealed class EcsContainer
    {
        public string Name { get; set; } = "";
        public string? Image { get; set; }
        public string? LastStatus { get; set; }
        public int? ExitCode { get; set; }
        public string? Reason { get; set; }
        public string? HealthStatus { get; set; }
    }
}
