using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace EcsBlueGreen.Ecs.Model
{
    /// <summary>
    /// A task definition as DescribeTaskDefinition returned it. The JSON is the truth (cloning must be
    /// lossless); the typed members are conveniences read from it.
    /// </summary>
    public sealed class TaskDefinitionDescription
    {
        public TaskDefinitionDescription(JsonObject taskDefinition, JsonArray? tags)
        {
            TaskDefinition = taskDefinition;
            Tags = tags;
        }

        /// <summary>The "taskDefinition" member of the response, every member kept.</summary>
        public JsonObject TaskDefinition { get; }

        /// <summary>The "tags" member of the response (include=TAGS), or null.</summary>
        public JsonArray? Tags { get; }

        public string Arn => (string?)TaskDefinition["taskDefinitionArn"] ?? "";
        public string Family => (string?)TaskDefinition["family"] ?? "";
        public int Revision => (int?)TaskDefinition["revision"] ?? 0;
        /// <summary>ACTIVE, or INACTIVE once deregistered (ECS deploys no INACTIVE revision).</summary>
        public string Status => (string?)TaskDefinition["status"] ?? "ACTIVE";

        public IEnumerable<JsonObject> ContainerDefinitions
        {
            get
            {
                if (TaskDefinition["containerDefinitions"] is JsonArray containers)
                {
                    foreach (var node in containers)
                    {
                        if (node is JsonObject container)
                        {
                            yield return container;
                        }
                    }
                }
            }
        }
    }
}
