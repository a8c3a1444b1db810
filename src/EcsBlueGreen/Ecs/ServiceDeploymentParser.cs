using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecs.Model;
using static EcsBlueGreen.Aws.Protocol.JsonRead;

namespace EcsBlueGreen.Ecs
{
    /// <summary>ServiceDeploymentBrief (ListServiceDeployments) and ServiceDeployment (Describe...) JSON.</summary>
    internal static class ServiceDeploymentParser
    {
        public static ServiceDeploymentBrief Brief(JsonObject json)
        {
            var brief = new ServiceDeploymentBrief();
            FillBrief(brief, json);
            brief.TargetServiceRevisionArn = Str(json, "targetServiceRevisionArn");
            return brief;
        }

        public static ServiceDeployment Full(JsonObject json)
        {
            var deployment = new ServiceDeployment();
            FillBrief(deployment, json);
            var target = Obj(json, "targetServiceRevision");
            var rollback = Obj(json, "rollback");
            var circuitBreaker = Obj(json, "deploymentCircuitBreaker");
            var alarms = Obj(json, "alarms");
            deployment.TargetServiceRevisionArn = Str(target, "arn");
            deployment.TargetRequestedTaskCount = Int(target, "requestedTaskCount");
            deployment.TargetRunningTaskCount = Int(target, "runningTaskCount");
            deployment.TargetPendingTaskCount = Int(target, "pendingTaskCount");
            deployment.UpdatedAt = Time(json, "updatedAt");
            deployment.StoppedAt = Time(json, "stoppedAt");
            deployment.TargetProductionTrafficWeight = Double(target, "requestedProductionTrafficWeight");
            deployment.TargetTestTrafficWeight = Double(target, "requestedTestTrafficWeight");
            deployment.SourceServiceRevisions = Objects(json, "sourceServiceRevisions").Select(Revision).ToList();
            deployment.SourceServiceRevisionArns = deployment.SourceServiceRevisions
                .Select(r => r.Arn).Where(a => a.Length > 0).ToList();
            deployment.LifecycleHookDetails = Objects(json, "lifecycleHookDetails").Select(HookDetail).ToList();
            var configuration = Obj(json, "deploymentConfiguration");
            deployment.DeploymentConfiguration = configuration == null ? null : EcsServiceParser.Configuration(configuration);
            deployment.LifecycleStage = Str(json, "lifecycleStage");
            deployment.RollbackReason = Str(rollback, "reason");
            deployment.RollbackStartedAt = Time(rollback, "startedAt");
            deployment.RollbackServiceRevisionArn = Str(rollback, "serviceRevisionArn");
            deployment.CircuitBreakerStatus = Str(circuitBreaker, "status");
            deployment.CircuitBreakerFailureCount = Int(circuitBreaker, "failureCount");
            deployment.CircuitBreakerThreshold = Int(circuitBreaker, "threshold");
            deployment.AlarmsStatus = Str(alarms, "status");
            deployment.TriggeredAlarmNames = Strings(alarms, "triggeredAlarmNames");
            return deployment;
        }

        private static ServiceRevisionSummary Revision(JsonObject json) => new ServiceRevisionSummary
        {
            Arn = Str(json, "arn") ?? "",
            RequestedTaskCount = Int(json, "requestedTaskCount"),
            RunningTaskCount = Int(json, "runningTaskCount"),
            PendingTaskCount = Int(json, "pendingTaskCount"),
            RequestedTestTrafficWeight = Double(json, "requestedTestTrafficWeight"),
            RequestedProductionTrafficWeight = Double(json, "requestedProductionTrafficWeight"),
        };

        private static LifecycleHookDetail HookDetail(JsonObject json) => new LifecycleHookDetail
        {
            HookId = Str(json, "hookId") ?? "",
            TargetType = Str(json, "targetType") ?? "",
            TargetArn = Str(json, "targetArn"),
            Status = Str(json, "status") ?? "",
            ExpiresAt = Time(json, "expiresAt"),
            TimeoutAction = Str(json, "timeoutAction"),
        };

        private static void FillBrief(ServiceDeploymentBrief brief, JsonObject json)
        {
            brief.ServiceDeploymentArn = Str(json, "serviceDeploymentArn") ?? "";
            brief.ServiceArn = Str(json, "serviceArn");
            brief.ClusterArn = Str(json, "clusterArn");
            brief.Status = Str(json, "status") ?? "";
            brief.StatusReason = Str(json, "statusReason");
            brief.CreatedAt = Time(json, "createdAt");
            brief.StartedAt = Time(json, "startedAt");
            brief.FinishedAt = Time(json, "finishedAt");
        }
    }
}
