using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Tests.AwsSupport;
using EcsBlueGreen.Tests.Contract;
using Xunit;

namespace EcsBlueGreen.Tests.Ecs
{
    /// <summary>Cloning keeps every RegisterTaskDefinition member and drops exactly the read-only ones, proven
    /// member by member against the ECS model.</summary>
    public class TaskDefinitionCloneTests
    {
        private static readonly ServiceModel Model = ServiceModel.Load(RepoPaths.EcsModel);

        private static string TaskDefinitionShape => Model.MemberShape(Model.OutputShapeName("DescribeTaskDefinition")!, "taskDefinition");

        [Fact]
        public void Checked_in_member_lists_match_the_model()
        {
            var input = Model.MemberNames(Model.InputShapeName("RegisterTaskDefinition")!);
            var output = Model.MemberNames(TaskDefinitionShape);
            Assert.Equal(input.OrderBy(x => x), TaskDefinitionMembers.RegisterInput.OrderBy(x => x));
            Assert.Equal(output.Except(input).OrderBy(x => x), TaskDefinitionMembers.ReadOnly.OrderBy(x => x));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Fully_populated_description_clones_to_a_valid_register_input_with_nothing_lost(bool withModel)
        {
            var generator = new SampleGenerator(Model);
            var taskDefinition = (JsonObject)generator.Json(TaskDefinitionShape)!;
            var tags = (JsonArray)generator.Json(Model.MemberShape(Model.OutputShapeName("DescribeTaskDefinition")!, "tags"))!;
            var described = new TaskDefinitionDescription(taskDefinition, tags);

            var input = TaskDefinitionClone.ToRegisterInput(described, withModel ? Model : null);

            var registerInputShape = Model.InputShapeName("RegisterTaskDefinition")!;
            Assert.Empty(new ModelValidator(Model).Validate(input, registerInputShape));
            foreach (var member in Model.MemberNames(registerInputShape))
            {
                var expected = member == "tags" ? tags : taskDefinition[member];
                Assert.True(input.ContainsKey(member), "lost " + member);
                Assert.True(JsonNode.DeepEquals(expected, input[member]), "changed " + member);
            }

            foreach (var readOnly in TaskDefinitionMembers.ReadOnly)
            {
                Assert.False(input.ContainsKey(readOnly), "kept read-only " + readOnly);
            }
        }

        [Fact]
        public void A_member_unknown_today_is_carried()
        {
            var described = new TaskDefinitionDescription(new JsonObject
            {
                ["family"] = "web",
                ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "a:1", ["futureContainerSetting"] = 5 }),
                ["futureTaskSetting"] = new JsonObject { ["x"] = true },
                ["revision"] = 3,
                ["taskDefinitionArn"] = "arn:aws:ecs:eu-west-2:1:task-definition/web:3",
            }, new JsonArray());

            var input = TaskDefinitionClone.ToRegisterInput(described);

            Assert.True(input.ContainsKey("futureTaskSetting"));
            Assert.Equal(5, (int)input["containerDefinitions"]![0]!["futureContainerSetting"]!);
            Assert.False(input.ContainsKey("revision"));
            Assert.False(input.ContainsKey("tags")); // empty tags are omitted
        }

        [Fact]
        public void Clone_is_independent_of_the_description()
        {
            var described = new TaskDefinitionDescription(new JsonObject
            {
                ["family"] = "web",
                ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "a:1" }),
            }, null);
            var input = TaskDefinitionClone.ToRegisterInput(described);
            input["containerDefinitions"]![0]!["image"] = "a:2";
            Assert.Equal("a:1", (string)described.TaskDefinition["containerDefinitions"]![0]!["image"]!);
        }
    }
}
