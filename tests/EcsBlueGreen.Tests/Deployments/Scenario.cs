using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>Builders for the article's service in the states a rollout passes through.</summary>
    internal static class Scenario
    {
        public const string Cluster = "myservice";
        public const string ServiceName = "myservice-myapplication";
        public const string Repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication";
        public const string TaskDefinition1 = "arn:aws:ecs:eu-west-2:123456789012:task-definition/myservice-myapplication-task:1";
        public const string TaskDefinition2 = "arn:aws:ecs:eu-west-2:123456789012:task-definition/myservice-myapplication-task:2";
        public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        public static EcsService SteadyService(string deploymentId = "ecs-svc/1", string taskDefinition = TaskDefinition1) => new EcsService
        {
            ServiceArn = $"arn:aws:ecs:eu-west-2:123456789012:service/{Cluster}/{ServiceName}",
            ServiceName = ServiceName,
            ClusterArn = $"arn:aws:ecs:eu-west-2:123456789012:cluster/{Cluster}",
            Status = "ACTIVE",
            DesiredCount = 2,
            RunningCount = 2,
            TaskDefinition = taskDefinition,
            DeploymentConfiguration = new DeploymentConfiguration { MinimumHealthyPercent = 100, MaximumPercent = 200, CircuitBreakerEnabled = true, CircuitBreakerRollback = true },
            Deployments = new List<DeploymentEntry> { Entry(deploymentId, "PRIMARY", taskDefinition, 2, "COMPLETED", T0.AddHours(-1)) },
            Events = new List<ServiceEvent> { Event(T0.AddMinutes(-30), $"(service {ServiceName}) has reached a steady state.") },
        };

        public static DeploymentEntry Entry(string id, string status, string taskDefinition, int running, string rolloutState, DateTimeOffset createdAt, string? reason = null, int failed = 0) => new DeploymentEntry
        {
            Id = id, Status = status, TaskDefinition = taskDefinition, DesiredCount = 2, RunningCount = running,
            RolloutState = rolloutState, RolloutStateReason = reason, CreatedAt = createdAt, UpdatedAt = createdAt, FailedTasks = failed,
        };

        public static ServiceEvent Event(DateTimeOffset at, string message) => new ServiceEvent { Id = Guid.NewGuid().ToString(), CreatedAt = at, Message = message };

        public static TaskDefinitionDescription TaskDefinition(string arn, int revision, params (string Name, string Image)[] containers)
        {
            var definitions = new JsonArray();
            foreach (var (name, image) in containers)
            {
                definitions.Add(new JsonObject
                {
                    ["name"] = name,
                    ["image"] = image,
                    ["essential"] = true,
                    ["environment"] = new JsonArray { new JsonObject { ["name"] = "LOG_LEVEL", ["value"] = "info" }, new JsonObject { ["name"] = "DB_PASSWORD", ["value"] = "hunter2-do-not-print" } },
                    ["secrets"] = new JsonArray { new JsonObject { ["name"] = "API_TOKEN", ["valueFrom"] = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:api" } },
                    ["dependsOn"] = new JsonArray(),
                });
            }

            var td = new JsonObject
            {
                ["taskDefinitionArn"] = arn,
                ["family"] = "myservice-myapplication-task",
                ["revision"] = revision,
                ["status"] = "ACTIVE",
                ["containerDefinitions"] = definitions,
                ["cpu"] = "256",
                ["memory"] = "512",
                ["networkMode"] = "awsvpc",
                ["requiresCompatibilities"] = new JsonArray { "FARGATE" },
                ["compatibilities"] = new JsonArray { "EC2", "FARGATE" },
                ["runtimePlatform"] = new JsonObject { ["cpuArchitecture"] = "ARM64", ["operatingSystemFamily"] = "LINUX" },
                ["ephemeralStorage"] = new JsonObject { ["sizeInGiB"] = 30 },
                ["pidMode"] = "task",
                ["registeredAt"] = 1700000000.0,
                ["registeredBy"] = "arn:aws:iam::123456789012:user/admin",
                ["requiresAttributes"] = new JsonArray(),
            };
            return new TaskDefinitionDescription(td, new JsonArray { new JsonObject { ["key"] = "team", ["value"] = "payments" } });
        }

        public static FakeEcs SeededEcs()
        {
            var ecs = new FakeEcs();
            ecs.Services[ServiceName] = SteadyService();
            var td = TaskDefinition(TaskDefinition1, 1, ("myapplication", Repository + ":1.0"));
            ecs.TaskDefinitions[TaskDefinition1] = td;
            ecs.TaskDefinitions["myservice-myapplication-task:1"] = td;
            return ecs;
        }
    }
}
