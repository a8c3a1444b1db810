using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecs.Model;
using static EcsBlueGreen.Aws.Protocol.JsonRead;

namespace EcsBlueGreen.Ecs
{
    /// <summary>ECS Task / Container JSON to read models.</summary>
    internal static class EcsTaskParser
    {
        public static EcsTask Task(JsonObject json) => new EcsTask
        {
            TaskArn = Str(json, "taskArn") ?? "",
            TaskDefinitionArn = Str(json, "taskDefinitionArn") ?? "",
            LastStatus = Str(json, "lastStatus") ?? "",
            DesiredStatus = Str(json, "desiredStatus") ?? "",
            StartedBy = Str(json, "startedBy"),
            StoppedReason = Str(json, "stoppedReason"),
            StopCode = Str(json, "stopCode"),
            HealthStatus = Str(json, "healthStatus"),
            CreatedAt = Time(json, "createdAt"),
            StartedAt = Time(json, "startedAt"),
            StoppingAt = Time(json, "stoppingAt"),
            StoppedAt = Time(json, "stoppedAt"),
            PullStartedAt = Time(json, "pullStartedAt"),
            ExecutionStoppedAt = Time(json, "executionStoppedAt"),
            Cpu = Str(json, "cpu"),
            Memory = Str(json, "memory"),
            LaunchType = Str(json, "launchType"),
            CapacityProviderName = Str(json, "capacityProviderName"),
            CpuArchitecture = Objects(json, "attributes").Where(a => Str(a, "name") == "ecs.cpu-architecture").Select(a => Str(a, "value")).FirstOrDefault(),
            Containers = Objects(json, "containers").Select(c => new EcsContainer
            {
                Name = Str(c, "name") ?? "",
                Image = Str(c, "image"),
                LastStatus = Str(c, "lastStatus"),
                ExitCode = Int(c, "exitCode"),
                Reason = Str(c, "reason"),
                HealthStatus = Str(c, "healthStatus"),
            }).ToList(),
        };
    }
}
