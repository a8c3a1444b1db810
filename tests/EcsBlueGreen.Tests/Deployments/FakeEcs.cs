using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>An in-memory ECS for the deployment logic: state the test sets, calls it counts.</summary>
    internal sealed class FakeEcs : IEcsApi, IServiceRevisionApi
    {
        public Dictionary<string, EcsService> Services { get; } = new Dictionary<string, EcsService>();
        public Dictionary<string, TaskDefinitionDescription> TaskDefinitions { get; } = new Dictionary<string, TaskDefinitionDescription>();
        public List<EcsTask> Tasks { get; } = new List<EcsTask>();
        public Dictionary<string, ServiceDeployment> ServiceDeployments { get; } = new Dictionary<string, ServiceDeployment>();
        public bool ServiceDeploymentsDenied { get; set; }
        public Dictionary<string, int> Calls { get; } = new Dictionary<string, int>();
        public List<int> DescribeServicesBatchSizes { get; } = new List<int>();
        public List<int> DescribeServiceDeploymentsBatchSizes { get; } = new List<int>();
        public List<JsonObject> Registered { get; } = new List<JsonObject>();
        public List<UpdateServiceRequest> Updates { get; } = new List<UpdateServiceRequest>();
        public List<(string ServiceDeploymentArn, string StopType)> Stops { get; } = new List<(string, string)>();
        public List<(string ServiceDeploymentArn, string HookId, string? Action)> Continues { get; } = new List<(string, string, string?)>();
        /// <summary>Runs before each DescribeServices answer, so a test can move the world on.</summary>
        public Action<int>? OnDescribeServices { get; set; }
        public int ThrottleNextDescribeServices { get; set; }
        public HashSet<string> MissingClusters { get; } = new HashSet<string>();
        /// <summary>Service-revision ARN → the task definition it ran (DescribeServiceRevisions).</summary>
        public Dictionary<string, string> ServiceRevisions { get; } = new Dictionary<string, string>();
        /// <summary>Operations that answer with this error, as an account's policy or a race would make them.</summary>
        public Dictionary<string, (string ErrorCode, int StatusCode)> Refusals { get; } = new Dictionary<string, (string, int)>();
        /// <summary>The clock UpdateService stamps the deployments it creates with.</summary>
        public TimeProvider Clock { get; set; } = TimeProvider.System;
        /// <summary>Runs after UpdateService changed the service, so a test can add what ECS adds with it.</summary>
        public Action<EcsService>? OnUpdateService { get; set; }

        private void Count(string operation) => Calls[operation] = Calls.TryGetValue(operation, out var n) ? n + 1 : 1;

        public int CallCount(string operation) => Calls.TryGetValue(operation, out var n) ? n : 0;

        public Task<IReadOnlyList<string>> ListClustersAsync(CancellationToken cancellationToken)
        {
            Count("ListClusters");
            return Task.FromResult<IReadOnlyList<string>>(Services.Values.Select(s => s.ClusterArn).Distinct().ToList());
        }

        public Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken)
        {
            Count("ListServices");
            return Task.FromResult<IReadOnlyList<string>>(Services.Values.Select(s => s.ServiceArn).ToList());
        }

        public Task<DescribeServicesResult> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken)
        {
            if (ThrottleNextDescribeServices > 0)
            {
                ThrottleNextDescribeServices--;
                Count("DescribeServices.Throttled");
                throw new AwsServiceException("ECS", "DescribeServices", "ThrottlingException", "Rate exceeded", 400, "req-1", true);
            }

            if (MissingClusters.Contains(cluster))
            {
                Count("DescribeServices.ClusterNotFound");
                throw new AwsServiceException("ECS", "DescribeServices", "ClusterNotFoundException", "Cluster not found.", 400, "req-4", false);
            }

            // Like EcsClient: 10 per call.
            var found = new List<EcsService>();
            var failures = new List<ApiFailure>();
            for (var i = 0; i < services.Count; i += 10)
            {
                Count("DescribeServices");
                var batch = services.Skip(i).Take(10).ToList();
                DescribeServicesBatchSizes.Add(batch.Count);
                OnDescribeServices?.Invoke(CallCount("DescribeServices"));
                foreach (var name in batch)
                {
                    if (Services.TryGetValue(name, out var s))
                    {
                        found.Add(s);
                    }
                    else
                    {
                        failures.Add(new ApiFailure { Arn = name, Reason = "MISSING" });
                    }
                }
            }

            return Task.FromResult(new DescribeServicesResult { Services = found, Failures = failures });
        }

        public Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken)
        {
            Count("UpdateService");
            Updates.Add(request);
            var service = Services[request.Service];
            var id = "ecs-svc/" + (1000 + Updates.Count);
            var deployments = service.Deployments.Select(d => { d.Status = "ACTIVE"; return d; }).ToList();
            deployments.Insert(0, new DeploymentEntry
            {
                Id = id, Status = "PRIMARY", TaskDefinition = request.TaskDefinition ?? service.TaskDefinition,
                DesiredCount = request.DesiredCount ?? service.DesiredCount, RolloutState = "IN_PROGRESS",
                CreatedAt = Clock.GetUtcNow(), UpdatedAt = Clock.GetUtcNow(),
            });
            service.Deployments = deployments;
            service.TaskDefinition = request.TaskDefinition ?? service.TaskDefinition;
            OnUpdateService?.Invoke(service);
            return Task.FromResult(service);
        }

        public Task<TaskDefinitionDescription> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken)
        {
            Count("DescribeTaskDefinition");
            if (!TaskDefinitions.TryGetValue(taskDefinition, out var td))
            {
                throw new AwsServiceException("ECS", "DescribeTaskDefinition", "ClientException", "Unable to describe task definition.", 400, "req-2", false);
            }

            return Task.FromResult(td);
        }

        public Task<TaskDefinitionDescription> RegisterTaskDefinitionAsync(JsonObject registerInput, CancellationToken cancellationToken)
        {
            Count("RegisterTaskDefinition");
            Registered.Add(registerInput);
            var body = (JsonObject)registerInput.DeepClone();
            var family = (string)body["family"]!;
            var revision = TaskDefinitions.Values.Where(t => t.Family == family).Select(t => t.Arn).Distinct().Count() + 1;
            var arn = $"arn:aws:ecs:eu-west-2:123456789012:task-definition/{family}:{revision}";
            body["taskDefinitionArn"] = arn;
            body["revision"] = revision;
            body["status"] = "ACTIVE";
            body.Remove("tags");
            var td = new TaskDefinitionDescription(body, null);
            TaskDefinitions[arn] = td;
            return Task.FromResult(td);
        }

        public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string familyPrefix, CancellationToken cancellationToken)
        {
            Count("ListTaskDefinitions");
            return Task.FromResult<IReadOnlyList<string>>(TaskDefinitions.Keys.Where(k => k.Contains(familyPrefix)).ToList());
        }

        public Task<IReadOnlyList<string>> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken)
        {
            Count("ListTasks");
            return Task.FromResult<IReadOnlyList<string>>(Tasks
                .Where(t => request.StartedBy == null || t.StartedBy == request.StartedBy)
                .Where(t => request.DesiredStatus == null || t.DesiredStatus == request.DesiredStatus)
                .Select(t => t.TaskArn).ToList());
        }

        public Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken)
        {
            Count("DescribeTasks");
            return Task.FromResult<IReadOnlyList<EcsTask>>(Tasks.Where(t => taskArns.Contains(t.TaskArn)).ToList());
        }

        public Task<IReadOnlyList<ServiceDeploymentBrief>> ListServiceDeploymentsAsync(string cluster, string service, IReadOnlyList<string>? statuses, CancellationToken cancellationToken)
        {
            Count("ListServiceDeployments");
            ThrowIfDenied("ListServiceDeployments");
            return Task.FromResult<IReadOnlyList<ServiceDeploymentBrief>>(ServiceDeployments.Values
                .Where(s => statuses == null || statuses.Contains(s.Status))
                .OrderByDescending(s => s.CreatedAt).Cast<ServiceDeploymentBrief>().ToList());
        }

        public Task<IReadOnlyList<ServiceDeployment>> DescribeServiceDeploymentsAsync(IReadOnlyList<string> serviceDeploymentArns, CancellationToken cancellationToken)
        {
            ThrowIfDenied("DescribeServiceDeployments");
            var result = new List<ServiceDeployment>();
            for (var i = 0; i < serviceDeploymentArns.Count; i += 20)
            {
                Count("DescribeServiceDeployments");
                var batch = serviceDeploymentArns.Skip(i).Take(20).ToList();
                DescribeServiceDeploymentsBatchSizes.Add(batch.Count);
                result.AddRange(batch.Where(ServiceDeployments.ContainsKey).Select(a => ServiceDeployments[a]));
            }

            return Task.FromResult<IReadOnlyList<ServiceDeployment>>(result);
        }

        public Task<string> StopServiceDeploymentAsync(string serviceDeploymentArn, string stopType, CancellationToken cancellationToken)
        {
            Count("StopServiceDeployment");
            ThrowIfDenied("StopServiceDeployment");
            Stops.Add((serviceDeploymentArn, stopType));
            ServiceDeployments[serviceDeploymentArn].Status = "ROLLBACK_REQUESTED";
            return Task.FromResult(serviceDeploymentArn);
        }

        public Task<string> ContinueServiceDeploymentAsync(string serviceDeploymentArn, string hookId, string? action, CancellationToken cancellationToken)
        {
            Count("ContinueServiceDeployment");
            ThrowIfDenied("ContinueServiceDeployment");
            Continues.Add((serviceDeploymentArn, hookId, action));
            return Task.FromResult(serviceDeploymentArn);
        }

        public Task<IReadOnlyDictionary<string, string>> DescribeServiceRevisionTaskDefinitionsAsync(IReadOnlyList<string> serviceRevisionArns, CancellationToken cancellationToken)
        {
            Count("DescribeServiceRevisions");
            ThrowIfDenied("DescribeServiceRevisions");
            return Task.FromResult<IReadOnlyDictionary<string, string>>(serviceRevisionArns
                .Where(ServiceRevisions.ContainsKey).Distinct().ToDictionary(a => a, a => ServiceRevisions[a]));
        }

        public void Refuse(string operation, string errorCode, int statusCode = 400) => Refusals[operation] = (errorCode, statusCode);

        private void ThrowIfDenied(string operation)
        {
            if (Refusals.TryGetValue(operation, out var refusal))
            {
                throw new AwsServiceException("ECS", operation, refusal.ErrorCode, $"{operation} refused ({refusal.ErrorCode})", refusal.StatusCode, "req-5", false);
            }

            if (ServiceDeploymentsDenied)
            {
                throw new AwsServiceException("ECS", operation, "AccessDeniedException", "User is not authorized to perform: ecs:" + operation, 400, "req-3", false);
            }
        }
    }
}
