using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Ecr;
using EcsBlueGreen.Simulator.Ecs;
using EcsBlueGreen.Simulator.Elb;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Scenarios;

/// <summary>
/// The demo's and the tests' starting world: cluster myservice, service myservice-myapplication (desired 2,
/// min 100 / max 200, circuit breaker with rollback, grace 30 s) behind target group
/// myservice-myapplication (deregistration delay 30 s), ECR repository myapplication with 1.0 and
/// 2.0 (healthy), 2.1 (exits with code 1 five seconds after start) and 2.2 (fails ELB health checks).
/// Services are created and then run by the engine until steady, so their history is genuine.
/// </summary>
public static class SeedScenario
{
    public const string Region = "eu-west-2";
    public const string Account = "123456789012";
    public const string ClusterName = "myservice";
    public const string ServiceName = "myservice-myapplication";
    public const string Family = "myservice-myapplication-task";
    public const string RepositoryName = "myapplication";

    public static void Build(World world, int fleetServices)
    {
        AddRepository(world);
        var cluster = WorldBuilder.Cluster(world, ClusterName);
        var lb = WorldBuilder.LoadBalancer(world, "myservice-alb");
        AddService(world, cluster, lb, ServiceName, Family);
        for (var i = 1; i <= fleetServices; i++)
        {
            var name = $"fleet-{i:00}";
            AddService(world, cluster, lb, name, name + "-task");
        }
    }

    /// <summary>The repository myapplication with the images 1.0, 2.0 (healthy), 2.1 (exits with 1) and 2.2 (unhealthy).</summary>
    public static Repository AddRepository(World world)
    {
        var repo = WorldBuilder.Repository(world, RepositoryName);
        SeedImages.Push(world, repo, "1.0", new Dictionary<string, string>());
        SeedImages.Push(world, repo, "2.0", new Dictionary<string, string>());
        SeedImages.Push(world, repo, "2.1", new Dictionary<string, string> { ["SIM_EXIT_CODE"] = "1", ["SIM_EXIT_AFTER_SECONDS"] = "5" });
        SeedImages.Push(world, repo, "2.2", new Dictionary<string, string> { ["SIM_HEALTH"] = "unhealthy" });
        return repo;
    }

    public static Service AddService(World world, Cluster cluster, LoadBalancer lb, string name, string family)
    {
        var group = WorldBuilder.TargetGroup(world, lb, name, 8080);
        group.DeregistrationDelaySeconds = 30;
        group.HealthCheckIntervalSeconds = 10;
        group.HealthyThresholdCount = 2;
        group.UnhealthyThresholdCount = 2;
        var definition = WorldBuilder.TaskDefinition(world, TaskDefinitionInput(world, family));
        var service = new Service
        {
            Name = name,
            Arn = world.Arn("ecs", $"service/{cluster.Name}/{name}"),
            Cluster = cluster,
            CreatedAt = world.Now,
            CreatedBy = world.CallerArn,
            DesiredCount = 2,
            LaunchType = "FARGATE",
            PlatformVersion = "LATEST",
            PlatformFamily = "Linux",
            HealthCheckGracePeriodSeconds = 30,
            NetworkConfiguration = new JsonObject
            {
                ["awsvpcConfiguration"] = new JsonObject
                {
                    ["subnets"] = new JsonArray("subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"),
                    ["securityGroups"] = new JsonArray("sg-0fedcba9876543210"),
                    ["assignPublicIp"] = "DISABLED",
                },
            },
            LoadBalancers = { new ServiceLoadBalancer(group.Arn, null, "myapplication", 8080) },
            Tags = new JsonArray(new JsonObject { ["key"] = "app", ["value"] = "myapplication" }),
            PropagateTags = "SERVICE",
            EnableEcsManagedTags = true,
            AvailabilityZoneRebalancing = "ENABLED",
        };
        service.DeploymentConfiguration.MinimumHealthyPercent = 100;
        service.DeploymentConfiguration.MaximumPercent = 200;
        service.DeploymentConfiguration.CircuitBreakerEnabled = true;
        service.DeploymentConfiguration.CircuitBreakerRollback = true;
        cluster.Services.Add(service);
        DeploymentStarter.Start(world, service, definition);
        return service;
    }

    private static JsonObject TaskDefinitionInput(World world, string family) => new()
    {
        ["family"] = family,
        ["taskRoleArn"] = $"arn:aws:iam::{world.AccountId}:role/{family}-role",
        ["executionRoleArn"] = $"arn:aws:iam::{world.AccountId}:role/ecsTaskExecutionRole",
        ["networkMode"] = "awsvpc",
        ["containerDefinitions"] = new JsonArray(new JsonObject
        {
            ["name"] = "myapplication",
            ["image"] = $"{world.EcrHost}/{RepositoryName}:1.0",
            ["cpu"] = 0,
            ["essential"] = true,
            ["portMappings"] = new JsonArray(new JsonObject
            {
                ["containerPort"] = 8080, ["hostPort"] = 8080, ["protocol"] = "tcp", ["name"] = "http", ["appProtocol"] = "http",
            }),
            ["environment"] = new JsonArray(
                new JsonObject { ["name"] = "APP_ENV", ["value"] = "production" },
                new JsonObject { ["name"] = "LOG_LEVEL", ["value"] = "info" }),
            ["secrets"] = new JsonArray(new JsonObject
            {
                ["name"] = "DB_PASSWORD",
                ["valueFrom"] = $"arn:aws:secretsmanager:{world.Region}:{world.AccountId}:secret:myapplication/db-password-AbCdEf",
            }),
            ["logConfiguration"] = new JsonObject
            {
                ["logDriver"] = "awslogs",
                ["options"] = new JsonObject
                {
                    ["awslogs-group"] = "/ecs/" + family,
                    ["awslogs-region"] = world.Region,
                    ["awslogs-stream-prefix"] = "ecs",
                },
            },
            ["mountPoints"] = new JsonArray(),
            ["volumesFrom"] = new JsonArray(),
            ["systemControls"] = new JsonArray(),
        }),
        ["volumes"] = new JsonArray(),
        ["placementConstraints"] = new JsonArray(),
        ["requiresCompatibilities"] = new JsonArray("FARGATE"),
        ["cpu"] = "256",
        ["memory"] = "512",
        ["runtimePlatform"] = new JsonObject { ["cpuArchitecture"] = "X86_64", ["operatingSystemFamily"] = "LINUX" },
        ["ephemeralStorage"] = new JsonObject { ["sizeInGiB"] = 21 },
        ["tags"] = new JsonArray(
            new JsonObject { ["key"] = "team", ["value"] = "platform" },
            new JsonObject { ["key"] = "app", ["value"] = "myapplication" }),
    };
}
