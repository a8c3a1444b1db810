using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecs.Model;
using static EcsBlueGreen.Aws.Protocol.JsonRead;

namespace EcsBlueGreen.Ecs
{
    /// <summary>ECS Service / Deployment / ServiceEvent JSON (model shapes of the same names) to read models.</summary>
    internal static class EcsServiceParser
    {
        public static EcsService Service(JsonObject json)
        {
            return new EcsService
            {
                ServiceArn = Str(json, "serviceArn") ?? "",
                ServiceName = Str(json, "serviceName") ?? "",
                ClusterArn = Str(json, "clusterArn") ?? "",
                Status = Str(json, "status") ?? "",
                DesiredCount = Int(json, "desiredCount") ?? 0,
                RunningCount = Int(json, "runningCount") ?? 0,
                PendingCount = Int(json, "pendingCount") ?? 0,
                TaskDefinition = Str(json, "taskDefinition") ?? "",
                LaunchType = Str(json, "launchType"),
                DeploymentControllerType = Str(Obj(json, "deploymentController"), "type") ?? "ECS",
                HealthCheckGracePeriodSeconds = Int(json, "healthCheckGracePeriodSeconds"),
                DeploymentConfiguration = Configuration(Obj(json, "deploymentConfiguration")),
                Deployments = Objects(json, "deployments").Select(Deployment).ToList(),
                Events = Objects(json, "events").Select(Event).ToList(),
                LoadBalancers = Objects(json, "loadBalancers").Select(lb => new ServiceLoadBalancer
                {
                    TargetGroupArn = Str(lb, "targetGroupArn"),
                    LoadBalancerName = Str(lb, "loadBalancerName"),
                    ContainerName = Str(lb, "containerName"),
                    ContainerPort = Int(lb, "containerPort"),
                    AdvancedConfiguration = Advanced(Obj(lb, "advancedConfiguration")),
                }).ToList(),
                CurrentServiceDeployment = Str(json, "currentServiceDeployment"),
            };
        }

        /// <summary>Shape DeploymentConfiguration (on a service and on a service deployment).</summary>
        public static DeploymentConfiguration Configuration(JsonObject? configuration)
        {
            var circuitBreaker = Obj(configuration, "deploymentCircuitBreaker");
            var alarms = Obj(configuration, "alarms");
            var linear = Obj(configuration, "linearConfiguration");
            var canary = Obj(configuration, "canaryConfiguration");
            return new DeploymentConfiguration
            {
                MinimumHealthyPercent = Int(configuration, "minimumHealthyPercent"),
                MaximumPercent = Int(configuration, "maximumPercent"),
                CircuitBreakerEnabled = Bool(circuitBreaker, "enable") ?? false,
                CircuitBreakerRollback = Bool(circuitBreaker, "rollback") ?? false,
                Strategy = Str(configuration, "strategy") ?? DeploymentStrategies.Rolling,
                AlarmsEnabled = Bool(alarms, "enable") ?? false,
                AlarmsRollback = Bool(alarms, "rollback") ?? false,
                AlarmNames = Strings(alarms, "alarmNames"),
                BakeTimeInMinutes = Int(configuration, "bakeTimeInMinutes"),
                LinearStepPercent = Double(linear, "stepPercent"),
                LinearStepBakeTimeInMinutes = Int(linear, "stepBakeTimeInMinutes"),
                CanaryPercent = Double(canary, "canaryPercent"),
                CanaryBakeTimeInMinutes = Int(canary, "canaryBakeTimeInMinutes"),
                LifecycleHooks = Objects(configuration, "lifecycleHooks").Select(Hook).ToList(),
                Raw = configuration?.DeepClone() as JsonObject,
            };
        }

        public static DeploymentLifecycleHook Hook(JsonObject json)
        {
            var timeout = Obj(json, "timeoutConfiguration");
            return new DeploymentLifecycleHook
            {
                TargetType = Str(json, "targetType") ?? "",
                HookTargetArn = Str(json, "hookTargetArn"),
                RoleArn = Str(json, "roleArn"),
                LifecycleStages = Strings(json, "lifecycleStages"),
                TimeoutInMinutes = Int(timeout, "timeoutInMinutes"),
                TimeoutAction = Str(timeout, "action"),
            };
        }

        private static AdvancedConfiguration? Advanced(JsonObject? json) => json == null ? null : new AdvancedConfiguration
        {
            AlternateTargetGroupArn = Str(json, "alternateTargetGroupArn"),
            ProductionListenerRule = Str(json, "productionListenerRule"),
            TestListenerRule = Str(json, "testListenerRule"),
            RoleArn = Str(json, "roleArn"),
        };

        public static DeploymentEntry Deployment(JsonObject json) => new DeploymentEntry
        {
            Id = Str(json, "id") ?? "",
            Status = Str(json, "status") ?? "",
            TaskDefinition = Str(json, "taskDefinition") ?? "",
            DesiredCount = Int(json, "desiredCount") ?? 0,
            PendingCount = Int(json, "pendingCount") ?? 0,
            RunningCount = Int(json, "runningCount") ?? 0,
            FailedTasks = Int(json, "failedTasks") ?? 0,
            CreatedAt = Time(json, "createdAt"),
            UpdatedAt = Time(json, "updatedAt"),
            RolloutState = Str(json, "rolloutState"),
            RolloutStateReason = Str(json, "rolloutStateReason"),
        };

        public static ServiceEvent Event(JsonObject json) => new ServiceEvent
        {
            Id = Str(json, "id") ?? "",
            CreatedAt = Time(json, "createdAt") ?? default,
            Message = Str(json, "message") ?? "",
        };

        public static ApiFailure Failure(JsonObject json) => new ApiFailure
        {
            Arn = Str(json, "arn"),
            Reason = Str(json, "reason"),
            Detail = Str(json, "detail"),
        };

        public static EcsCluster Cluster(JsonObject json) => new EcsCluster
        {
            ClusterArn = Str(json, "clusterArn") ?? "",
            ClusterName = Str(json, "clusterName") ?? "",
            Status = Str(json, "status") ?? "",
            ActiveServicesCount = Int(json, "activeServicesCount") ?? 0,
            RunningTasksCount = Int(json, "runningTasksCount") ?? 0,
            PendingTasksCount = Int(json, "pendingTasksCount") ?? 0,
        };
    }
}
