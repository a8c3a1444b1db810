using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecr.Model;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Contract
{
    /// <summary>AWS's own example responses (examples-1.json) go through our parsers, and are model-valid.</summary>
    public class ExampleResponseTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static readonly Dictionary<string, Func<AwsSessionHolder, Task>> EcsCalls = new Dictionary<string, Func<AwsSessionHolder, Task>>
        {
            ["ListClusters"] = s => s.Ecs.ListClustersAsync(None),
            ["DescribeClusters"] = s => s.Ecs.DescribeClustersAsync(new[] { "default" }, None),
            ["ListServices"] = s => s.Ecs.ListServicesAsync("default", None),
            ["DescribeServices"] = s => s.Ecs.DescribeServicesAsync("default", new[] { "svc" }, None),
            ["UpdateService"] = s => s.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "default", Service = "svc", TaskDefinition = "td" }, None),
            ["DescribeTaskDefinition"] = s => s.Ecs.DescribeTaskDefinitionAsync("td", None),
            ["RegisterTaskDefinition"] = s => s.Ecs.RegisterTaskDefinitionAsync(new JsonObject { ["family"] = "f", ["containerDefinitions"] = new JsonArray() }, None),
            ["ListTaskDefinitions"] = s => s.Ecs.ListTaskDefinitionsAsync("f", None),
            ["ListTasks"] = s => s.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "default" }, None),
            ["DescribeTasks"] = s => s.Ecs.DescribeTasksAsync("default", new[] { "t" }, None),
            ["ListServiceDeployments"] = s => s.Ecs.ListServiceDeploymentsAsync("default", "svc", null, None),
            ["DescribeServiceDeployments"] = s => s.Ecs.DescribeServiceDeploymentsAsync(new[] { "arn" }, None),
            ["StopServiceDeployment"] = s => s.Ecs.StopServiceDeploymentAsync("arn", "ROLLBACK", None),
        };

        private static readonly Dictionary<string, Func<AwsSessionHolder, Task>> EcrCalls = new Dictionary<string, Func<AwsSessionHolder, Task>>
        {
            ["DescribeRepositories"] = s => s.Ecr.DescribeRepositoriesAsync(None),
            ["CreateRepository"] = s => s.Ecr.CreateRepositoryAsync("r", false, false, None),
            ["DescribeImages"] = s => s.Ecr.DescribeImagesAsync("r", new[] { EcrImageId.ForTag("t") }, None),
            ["BatchGetImage"] = s => s.Ecr.BatchGetImageAsync("r", new[] { EcrImageId.ForTag("t") }, null, None),
            ["PutImage"] = s => s.Ecr.PutImageAsync("r", "{}", null, "t", null, None),
            ["BatchCheckLayerAvailability"] = s => s.Ecr.BatchCheckLayerAvailabilityAsync("r", new[] { "sha256:a" }, None),
        };

        public sealed class AwsSessionHolder
        {
            public AwsSessionHolder(EcsBlueGreen.Aws.AwsSession session)
            {
                Ecs = (EcsClient)session.CreateEcsClient();
                Ecr = session.CreateEcrClient();
            }

            public EcsClient Ecs { get; }
            public EcsBlueGreen.Ecr.IEcrApi Ecr { get; }
        }

        public static IEnumerable<object[]> Examples()
        {
            foreach (var (file, calls) in new[] { ("ecs-2014-11-13", EcsCalls), ("ecr-2015-09-21", EcrCalls) })
            {
                var examples = (JsonObject)JsonNode.Parse(File.ReadAllText(RepoPaths.Model(file + ".examples-1.json")))!["examples"]!;
                foreach (var operation in calls.Keys.Where(examples.ContainsKey))
                {
                    var count = ((JsonArray)examples[operation]!).Count;
                    for (var i = 0; i < count; i++) yield return new object[] { file, operation, i };
                }
            }
        }

        [Theory]
        [MemberData(nameof(Examples))]
        public async Task Example_output_parses(string file, string operation, int index)
        {
            var example = JsonNode.Parse(File.ReadAllText(RepoPaths.Model(file + ".examples-1.json")))!["examples"]![operation]![index]!;
            var output = (JsonObject?)example["output"]?.DeepClone() ?? new JsonObject();
            output.Remove("nextToken"); // one page is enough here
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json(HttpStatusCode.OK, output.ToJsonString()) };
            using var session = Sessions.WithHandler(handler);

            var calls = file.StartsWith("ecs", StringComparison.Ordinal) ? EcsCalls : EcrCalls;
            await calls[operation](new AwsSessionHolder(session));
        }
    }
}
