using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Aws.Protocol;
using EcsBlueGreen.Ecs.Model;
using static EcsBlueGreen.Aws.Protocol.JsonRead;

namespace EcsBlueGreen.Ecs
{
    /// <summary>
    /// ECS over awsJson1_1. Lists follow nextToken to the end; describes are batched to the API limits
    /// (services 10, tasks 100, clusters 100, service deployments 20, service revisions 20).
    ///
    /// Repeating a write after an unknown outcome (timeout or dropped connection after sending, or a 5xx):
    /// * RegisterTaskDefinition: checked. The family's newest revision is described; if it holds everything
    ///   we sent, it is adopted instead of registering a duplicate revision.
    /// * UpdateService: without forceNewDeployment, re-sending the same desired state starts no new
    ///   deployment, so it is repeated. With forceNewDeployment, checked: the PRIMARY deployment id is read
    ///   before sending; if it changed, the update happened and the service is adopted.
    /// * StopServiceDeployment: checked; a deployment already STOP_REQUESTED/ROLLBACK_REQUESTED (or later)
    ///   is adopted.
    /// * ContinueServiceDeployment: repeated; continuing a hook twice has the same effect as once.
    /// </summary>
    public sealed class EcsClient : IEcsApi, IServiceRevisionApi, ITaskProtectionApi, IAwsServerTime
    {
        public const int DescribeServicesBatch = 10;
        public const int DescribeTasksBatch = 100;
        public const int DescribeClustersBatch = 100;
        public const int DescribeServiceDeploymentsBatch = 20;
        public const int DescribeServiceRevisionsBatch = 20;
        public const int GetTaskProtectionBatch = 10;

        private readonly JsonProtocolClient _json;

        internal EcsClient(JsonProtocolClient json)
        {
            _json = json;
        }

        /// <summary>ECS's time, from the Date header of its last answer: the clock of its event and task timestamps.</summary>
        public DateTimeOffset? AwsNow => _json.Connection.ServerClock.Now;

        public Task<IReadOnlyList<string>> ListClustersAsync(CancellationToken cancellationToken) =>
            ListAllAsync("ListClusters", new JsonObject(), "clusterArns", cancellationToken);

        public async Task<IReadOnlyList<EcsCluster>> DescribeClustersAsync(IReadOnlyList<string> clusters, CancellationToken cancellationToken)
        {
            var result = new List<EcsCluster>();
            foreach (var batch in Batches(clusters, DescribeClustersBatch))
            {
                var output = await _json.InvokeAsync("DescribeClusters", new JsonObject { ["clusters"] = ToArray(batch) }, cancellationToken).ConfigureAwait(false);
                result.AddRange(Objects(output, "clusters").Select(EcsServiceParser.Cluster));
            }

            return result;
        }

        public Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken) =>
            ListAllAsync("ListServices", new JsonObject { ["cluster"] = cluster }, "serviceArns", cancellationToken);

        public async Task<DescribeServicesResult> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken)
        {
            var found = new List<EcsService>();
            var failures = new List<ApiFailure>();
            foreach (var batch in Batches(services, DescribeServicesBatch))
            {
                var output = await _json.InvokeAsync("DescribeServices",
                    new JsonObject { ["cluster"] = cluster, ["services"] = ToArray(batch) }, cancellationToken).ConfigureAwait(false);
                found.AddRange(Objects(output, "services").Select(EcsServiceParser.Service));
                failures.AddRange(Objects(output, "failures").Select(EcsServiceParser.Failure));
            }

            return new DescribeServicesResult { Services = found, Failures = failures };
        }

        public async Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken)
        {
            var input = new JsonObject { ["cluster"] = request.Cluster, ["service"] = request.Service };
            if (request.TaskDefinition != null) input["taskDefinition"] = request.TaskDefinition;
            if (request.DesiredCount.HasValue) input["desiredCount"] = request.DesiredCount.Value;
            if (request.ForceNewDeployment) input["forceNewDeployment"] = true;
            if (request.DeploymentConfiguration != null) input["deploymentConfiguration"] = request.DeploymentConfiguration.DeepClone();

            Aws.Retry.UnknownOutcomeCheck<JsonObject>? check = null;
            if (request.ForceNewDeployment)
            {
                var before = await PrimaryDeploymentIdAsync(request.Cluster, request.Service, cancellationToken).ConfigureAwait(false);
                check = async ct =>
                {
                    var service = await DescribeServiceJsonAsync(request.Cluster, request.Service, ct).ConfigureAwait(false);
                    var primary = PrimaryId(service);
                    return primary != null && primary != before ? new JsonObject { ["service"] = service!.DeepClone() } : null;
                };
            }

            var output = await _json.InvokeAsync("UpdateService", input, cancellationToken, check).ConfigureAwait(false);
            return EcsServiceParser.Service(Obj(output, "service") ?? new JsonObject());
        }

        public async Task<TaskDefinitionDescription> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken)
        {
            var output = await _json.InvokeAsync("DescribeTaskDefinition",
                new JsonObject { ["taskDefinition"] = taskDefinition, ["include"] = ToArray(new[] { "TAGS" }) }, cancellationToken).ConfigureAwait(false);
            return ToDescription(output);
        }

        public async Task<TaskDefinitionDescription> RegisterTaskDefinitionAsync(JsonObject registerInput, CancellationToken cancellationToken)
        {
            if (registerInput == null) throw new ArgumentNullException(nameof(registerInput));
            var family = Str(registerInput, "family") ?? throw new ArgumentException("The input has no family.", nameof(registerInput));
            var output = await _json.InvokeAsync("RegisterTaskDefinition", registerInput, cancellationToken,
                ct => FindRegisteredAsync(family, registerInput, ct)).ConfigureAwait(false);
            return ToDescription(output);
        }

        public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string familyPrefix, CancellationToken cancellationToken) =>
            ListTaskDefinitionsAsync(familyPrefix, status: null, newestFirst: false, cancellationToken);

        /// <summary>Task definition ARNs of a family; status ACTIVE/INACTIVE/DELETE_IN_PROGRESS or null for ECS's default (ACTIVE).</summary>
        public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string familyPrefix, string? status, bool newestFirst, CancellationToken cancellationToken)
        {
            var input = new JsonObject { ["familyPrefix"] = familyPrefix };
            if (status != null) input["status"] = status;
            if (newestFirst) input["sort"] = "DESC";
            return ListAllAsync("ListTaskDefinitions", input, "taskDefinitionArns", cancellationToken);
        }

        public Task<IReadOnlyList<string>> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken)
        {
            var input = new JsonObject { ["cluster"] = request.Cluster };
            if (request.ServiceName != null) input["serviceName"] = request.ServiceName;
            if (request.StartedBy != null) input["startedBy"] = request.StartedBy;
            if (request.DesiredStatus != null) input["desiredStatus"] = request.DesiredStatus;
            return ListAllAsync("ListTasks", input, "taskArns", cancellationToken);
        }

        public async Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken)
        {
            var result = new List<EcsTask>();
            foreach (var batch in Batches(taskArns, DescribeTasksBatch))
            {
                var output = await _json.InvokeAsync("DescribeTasks",
                    new JsonObject { ["cluster"] = cluster, ["tasks"] = ToArray(batch) }, cancellationToken).ConfigureAwait(false);
                result.AddRange(Objects(output, "tasks").Select(EcsTaskParser.Task));
            }

            return result;
        }

        public async Task<IReadOnlyList<ServiceDeploymentBrief>> ListServiceDeploymentsAsync(string cluster, string service,
            IReadOnlyList<string>? statuses, CancellationToken cancellationToken)
        {
            var input = new JsonObject { ["cluster"] = cluster, ["service"] = service };
            if (statuses != null && statuses.Count > 0) input["status"] = ToArray(statuses);
            var pages = await ListPagesAsync("ListServiceDeployments", input, cancellationToken).ConfigureAwait(false);
            // Newest first whatever order the pages came in; ties keep the service's order.
            return pages.SelectMany(page => Objects(page, "serviceDeployments"))
                .Select(ServiceDeploymentParser.Brief)
                .Select((brief, index) => (brief, index))
                .OrderByDescending(x => x.brief.CreatedAt ?? DateTimeOffset.MinValue)
                .ThenBy(x => x.index)
                .Select(x => x.brief)
                .ToList();
        }

        public async Task<IReadOnlyList<ServiceDeployment>> DescribeServiceDeploymentsAsync(IReadOnlyList<string> serviceDeploymentArns, CancellationToken cancellationToken)
        {
            var result = new List<ServiceDeployment>();
            foreach (var batch in Batches(serviceDeploymentArns, DescribeServiceDeploymentsBatch))
            {
                var output = await _json.InvokeAsync("DescribeServiceDeployments",
                    new JsonObject { ["serviceDeploymentArns"] = ToArray(batch) }, cancellationToken).ConfigureAwait(false);
                result.AddRange(Objects(output, "serviceDeployments").Select(ServiceDeploymentParser.Full));
            }

            return result;
        }

        public async Task<string> StopServiceDeploymentAsync(string serviceDeploymentArn, string stopType, CancellationToken cancellationToken)
        {
            var input = new JsonObject { ["serviceDeploymentArn"] = serviceDeploymentArn, ["stopType"] = stopType };
            var output = await _json.InvokeAsync("StopServiceDeployment", input, cancellationToken, async ct =>
            {
                var described = await DescribeServiceDeploymentsAsync(new[] { serviceDeploymentArn }, ct).ConfigureAwait(false);
                var state = described.FirstOrDefault()?.State;
                return state != null && state != ServiceDeploymentState.Pending && state != ServiceDeploymentState.InProgress
                    ? new JsonObject { ["serviceDeploymentArn"] = serviceDeploymentArn }
                    : null;
            }).ConfigureAwait(false);
            return Str(output, "serviceDeploymentArn") ?? serviceDeploymentArn;
        }

        /// <summary>ContinueServiceDeployment for a PAUSE lifecycle hook; action CONTINUE or ROLLBACK (null: ECS default).</summary>
        public async Task<string> ContinueServiceDeploymentAsync(string serviceDeploymentArn, string hookId, string? action, CancellationToken cancellationToken)
        {
            var input = new JsonObject { ["serviceDeploymentArn"] = serviceDeploymentArn, ["hookId"] = hookId };
            if (action != null) input["action"] = action;
            var output = await _json.InvokeAsync("ContinueServiceDeployment", input, cancellationToken).ConfigureAwait(false);
            return Str(output, "serviceDeploymentArn") ?? serviceDeploymentArn;
        }

        public async Task<IReadOnlyDictionary<string, string>> DescribeServiceRevisionTaskDefinitionsAsync(IReadOnlyList<string> serviceRevisionArns,
            CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var batch in Batches(serviceRevisionArns, DescribeServiceRevisionsBatch))
            {
                var output = await _json.InvokeAsync("DescribeServiceRevisions",
                    new JsonObject { ["serviceRevisionArns"] = ToArray(batch) }, cancellationToken).ConfigureAwait(false);
                foreach (var revision in Objects(output, "serviceRevisions"))
                {
                    var arn = Str(revision, "serviceRevisionArn");
                    var taskDefinition = Str(revision, "taskDefinition");
                    if (arn != null && taskDefinition != null)
                    {
                        result[arn] = taskDefinition;
                    }
                }
            }

            return result;
        }

        public async Task<IReadOnlyList<TaskProtection>> GetTaskProtectionAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken)
        {
            var result = new List<TaskProtection>();
            foreach (var batch in Batches(taskArns, GetTaskProtectionBatch))
            {
                var output = await _json.InvokeAsync("GetTaskProtection",
                    new JsonObject { ["cluster"] = cluster, ["tasks"] = ToArray(batch) }, cancellationToken).ConfigureAwait(false);
                result.AddRange(Objects(output, "protectedTasks").Select(p => new TaskProtection
                {
                    TaskArn = Str(p, "taskArn") ?? "",
                    ProtectionEnabled = Bool(p, "protectionEnabled") ?? false,
                    ExpirationDate = Time(p, "expirationDate"),
                }));
            }

            return result;
        }

        private static TaskDefinitionDescription ToDescription(JsonObject output)
        {
            var taskDefinition = Obj(output, "taskDefinition") ?? new JsonObject();
            var tags = output.TryGetPropertyValue("tags", out var node) ? node as JsonArray : null;
            // Detach from the response document so callers may edit freely.
            return new TaskDefinitionDescription((JsonObject)taskDefinition.DeepClone(), tags == null ? null : (JsonArray)tags.DeepClone());
        }

        // The newest revision of the family, adopted when it holds everything we tried to register.
        private async Task<JsonObject?> FindRegisteredAsync(string family, JsonObject registerInput, CancellationToken cancellationToken)
        {
            var newest = await _json.InvokeAsync("ListTaskDefinitions",
                new JsonObject { ["familyPrefix"] = family, ["sort"] = "DESC", ["maxResults"] = 1 }, cancellationToken).ConfigureAwait(false);
            var arn = Strings(newest, "taskDefinitionArns").FirstOrDefault();
            if (arn == null)
            {
                return null;
            }

            var described = await _json.InvokeAsync("DescribeTaskDefinition",
                new JsonObject { ["taskDefinition"] = arn, ["include"] = ToArray(new[] { "TAGS" }) }, cancellationToken).ConfigureAwait(false);
            var expected = (JsonObject)registerInput.DeepClone();
            var expectedTags = expected["tags"];
            expected.Remove("tags");
            var sameDefinition = JsonSubset.IsContainedIn(expected, Obj(described, "taskDefinition"));
            var sameTags = expectedTags == null || JsonSubset.IsContainedIn(expectedTags, described["tags"]);
            return sameDefinition && sameTags ? described : null;
        }

        private async Task<string?> PrimaryDeploymentIdAsync(string cluster, string service, CancellationToken cancellationToken) =>
            PrimaryId(await DescribeServiceJsonAsync(cluster, service, cancellationToken).ConfigureAwait(false));

        private async Task<JsonObject?> DescribeServiceJsonAsync(string cluster, string service, CancellationToken cancellationToken)
        {
            var output = await _json.InvokeAsync("DescribeServices",
                new JsonObject { ["cluster"] = cluster, ["services"] = ToArray(new[] { service }) }, cancellationToken).ConfigureAwait(false);
            return Objects(output, "services").FirstOrDefault();
        }

        private static string? PrimaryId(JsonObject? service) =>
            Objects(service, "deployments").Where(d => Str(d, "status") == DeploymentEntryStatus.Primary).Select(d => Str(d, "id")).FirstOrDefault();

        private async Task<IReadOnlyList<string>> ListAllAsync(string operation, JsonObject input, string listMember, CancellationToken cancellationToken)
        {
            var pages = await ListPagesAsync(operation, input, cancellationToken).ConfigureAwait(false);
            return pages.SelectMany(page => Strings(page, listMember)).ToList();
        }

        private async Task<IReadOnlyList<JsonObject>> ListPagesAsync(string operation, JsonObject input, CancellationToken cancellationToken)
        {
            var pages = new List<JsonObject>();
            string? nextToken = null;
            do
            {
                var pageInput = (JsonObject)input.DeepClone();
                if (nextToken != null) pageInput["nextToken"] = nextToken;
                var output = await _json.InvokeAsync(operation, pageInput, cancellationToken).ConfigureAwait(false);
                pages.Add(output);
                nextToken = Str(output, "nextToken");
            }
            while (!string.IsNullOrEmpty(nextToken));

            return pages;
        }

        internal static IEnumerable<IReadOnlyList<string>> Batches(IReadOnlyList<string> items, int size)
        {
            for (var start = 0; start < items.Count; start += size)
            {
                yield return items.Skip(start).Take(size).ToList();
            }
        }
    }
}
