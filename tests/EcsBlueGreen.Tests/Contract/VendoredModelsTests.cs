using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Contract
{
    /// <summary>tests/aws-models holds what its NOTICE says: the files it lists, trimmed of documentation only,
    /// with the metadata the client's wire identity comes from.</summary>
    public class VendoredModelsTests
    {
        private static readonly string[] Expected =
        {
            "ecr-2015-09-21.examples-1.json", "ecr-2015-09-21.service-2.json", "ecs-2014-11-13.examples-1.json",
            "ecs-2014-11-13.service-2.json", "elbv2-2015-12-01.service-2.json",
        };

        [Fact]
        public void The_notice_lists_exactly_the_model_files()
        {
            var notice = File.ReadAllLines(Path.Combine(RepoPaths.AwsModels, "NOTICE"));
            var listed = notice.Select(l => l.Trim()).Where(l => l.EndsWith(".json", System.StringComparison.Ordinal)).OrderBy(l => l).ToArray();
            var present = Directory.GetFiles(RepoPaths.AwsModels, "*.json").Select(Path.GetFileName).OrderBy(f => f).ToArray();
            Assert.Equal(Expected, present);
            Assert.Equal(Expected, listed);
            Assert.Contains(notice, l => l.Contains("botocore 1.43.67"));
            Assert.Contains(notice, l => l.Contains("Apache License"));
        }

        [Theory]
        [InlineData("ecs-2014-11-13.service-2.json", "json", "AmazonEC2ContainerServiceV20141113", "ecs", 77)]
        [InlineData("ecr-2015-09-21.service-2.json", "json", "AmazonEC2ContainerRegistry_V20150921", "ecr", 58)]
        [InlineData("elbv2-2015-12-01.service-2.json", "query", null, null, 51)]
        public void Models_keep_their_structure_and_lose_their_documentation(string file, string protocol,
            string? targetPrefix, string? signingName, int operations)
        {
            var model = (JsonObject)JsonNode.Parse(File.ReadAllText(RepoPaths.Model(file)))!;
            var metadata = (JsonObject)model["metadata"]!;
            Assert.Equal(protocol, (string?)metadata["protocol"]);
            Assert.Equal(targetPrefix, (string?)metadata["targetPrefix"]);
            Assert.Equal(signingName, (string?)metadata["signingName"]);
            Assert.Equal(operations, ((JsonObject)model["operations"]!).Count);

            Assert.False(model.ContainsKey("documentation"));
            var operationDocs = ((JsonObject)model["operations"]!).Count(o => ((JsonObject)o.Value!).ContainsKey("documentation"));
            var shapes = ((JsonObject)model["shapes"]!).Select(s => (JsonObject)s.Value!).ToList();
            var shapeDocs = shapes.Count(s => s.ContainsKey("documentation"));
            var memberDocs = shapes.Where(s => s["members"] is JsonObject)
                .SelectMany(s => (JsonObject)s["members"]!)
                .Count(m => ((JsonObject)m.Value!).ContainsKey("documentation"));
            Assert.Equal(0, operationDocs + shapeDocs + memberDocs);
        }
    }
}
