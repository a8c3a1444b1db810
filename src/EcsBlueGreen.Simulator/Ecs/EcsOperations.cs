using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>The ECS operations the simulator answers (X-Amz-Target AmazonEC2ContainerServiceV20141113.*).</summary>
public static class EcsOperations
{
    public const string TargetPrefix = "AmazonEC2ContainerServiceV20141113";

    /// <summary>Answer AccessDeniedException when the service deployments API is switched off.</summary>
    public static readonly IReadOnlySet<string> ServiceDeploymentsApi = new HashSet<string>
    {
        "ListServiceDeployments", "DescribeServiceDeployments", "StopServiceDeployment",
    };

    public static readonly IReadOnlyDictionary<string, JsonOperation> All = new Dictionary<string, JsonOperation>
    {
        ["CreateCluster"] = ClusterOperations.CreateCluster,
        ["DescribeClusters"] = ClusterOperations.DescribeClusters,
        ["ListClusters"] = ClusterOperations.ListClusters,
        ["ListServices"] = ServiceOperations.ListServices,
        ["DescribeServices"] = ServiceOperations.DescribeServices,
        ["CreateService"] = ServiceOperations.CreateService,
        ["UpdateService"] = ServiceOperations.UpdateService,
        ["DeleteService"] = ServiceOperations.DeleteService,
        ["RegisterTaskDefinition"] = TaskDefinitionOperations.RegisterTaskDefinition,
        ["DescribeTaskDefinition"] = TaskDefinitionOperations.DescribeTaskDefinition,
        ["DeregisterTaskDefinition"] = TaskDefinitionOperations.DeregisterTaskDefinition,
        ["ListTaskDefinitions"] = TaskDefinitionOperations.ListTaskDefinitions,
        ["ListTaskDefinitionFamilies"] = TaskDefinitionOperations.ListTaskDefinitionFamilies,
        ["ListTasks"] = TaskOperations.ListTasks,
        ["DescribeTasks"] = TaskOperations.DescribeTasks,
        ["StopTask"] = TaskOperations.StopTask,
        ["UpdateTaskProtection"] = TaskOperations.UpdateTaskProtection,
        ["GetTaskProtection"] = TaskOperations.GetTaskProtection,
        ["ListServiceDeployments"] = ServiceDeploymentOperations.List,
        ["DescribeServiceDeployments"] = ServiceDeploymentOperations.Describe,
        ["StopServiceDeployment"] = ServiceDeploymentOperations.Stop,
        ["ContinueServiceDeployment"] = ServiceDeploymentOperations.Continue,
        ["DescribeServiceRevisions"] = ServiceRevisionOperations.Describe,
    };
}
