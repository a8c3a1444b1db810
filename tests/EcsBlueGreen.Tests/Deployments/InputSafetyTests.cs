using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Tests.Images;
using Xunit;
using static EcsBlueGreen.Tests.Deployments.Scenario;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>Input that names the wrong place or a thing that is not there fails before any write.</summary>
    public class InputSafetyTests
    {
        private const string Region = "eu-west-2";
        private const string Account = "123456789012";
        private static readonly string ClusterArn = $"arn:aws:ecs:{Region}:{Account}:cluster/{Cluster}";
        private static readonly string ServiceArn = $"arn:aws:ecs:{Region}:{Account}:service/{Cluster}/{ServiceName}";

        [Theory]
        [InlineData("arn:aws:ecs:eu-west-1:123456789012:cluster/myservice", "myservice-myapplication", null, "ArnMismatch", "region eu-west-1")]
        [InlineData("myservice", "arn:aws:ecs:eu-west-2:123456789012:service/other/myservice-myapplication", null, "ArnMismatch", "cluster 'other'")]
        [InlineData("myservice", "myservice-myapplication", "arn:aws:ecs:us-east-1:123456789012:task-definition/myservice-myapplication-task:1", "ArnMismatch", "region us-east-1")]
        [InlineData("arn:aws:ecs:eu-west-2:123456789012:service/myservice/x", "myservice-myapplication", null, "ArnMismatch", "is a service ARN")]
        [InlineData("arn:aws:ecs:eu-west-2:111111111111:cluster/myservice", "arn:aws:ecs:eu-west-2:222222222222:service/myservice/myservice-myapplication", null, "ArnMismatch", "different places")]
        [InlineData("arn:aws:ecs:eu-west-2", "myservice-myapplication", null, "InvalidArn", "not an ECS ARN")]
        public void Arns_that_name_another_place_are_refused_before_any_call(string cluster, string service, string? taskDefinition, string errorId, string text)
        {
            var ex = Assert.Throws<EcsBlueGreenException>(() => ArnCheck.BeforeCalls(cluster, service, taskDefinition, Region));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.InvalidArgument, ex.Error.Kind);
            Assert.Contains(text, ex.Message);
        }

        [Fact]
        public void Arns_of_the_connected_place_and_names_pass()
        {
            ArnCheck.BeforeCalls(ClusterArn, ServiceArn, TaskDefinition1, Region);
            ArnCheck.BeforeCalls(Cluster, ServiceName, "myservice-myapplication-task:1", Region);
            ArnCheck.AgainstService(SteadyService(), ("-Cluster", ClusterArn), ("-Service", ServiceArn), ("-TaskDefinition", TaskDefinition1));
        }

        [Fact]
        public void The_region_the_arns_agree_on_chooses_the_connection()
        {
            Assert.Equal("eu-west-1", ArnCheck.RegionOf("myservice", "arn:aws:ecs:eu-west-1:123456789012:service/myservice/web", null));
            Assert.Null(ArnCheck.RegionOf("myservice", "web"));
            Assert.Null(ArnCheck.RegionOf("arn:aws:ecs:eu-west-1:1:cluster/a", "arn:aws:ecs:eu-west-2:1:service/a/b"));
        }

        [Fact]
        public async Task A_service_arn_of_another_account_is_not_the_same_named_service_here()
        {
            var ecs = SeededEcs();
            var request = new StartDeploymentRequest { Cluster = Cluster, Service = $"arn:aws:ecs:{Region}:210987654321:service/{Cluster}/{ServiceName}", Image = Repository + ":2.0", Region = Region };
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(request, CancellationToken.None));
            Assert.Equal("ArnMismatch", ex.ErrorId);
            Assert.Contains("account 210987654321", ex.Message);
            Assert.Contains("account 123456789012", ex.Message);
            Assert.Equal(0, ecs.CallCount("RegisterTaskDefinition"));
            Assert.Equal(0, ecs.CallCount("UpdateService"));
        }

        [Fact]
        public async Task A_task_definition_arn_of_another_account_is_refused_before_it_is_described()
        {
            var ecs = SeededEcs();
            var request = new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, TaskDefinition = "arn:aws:ecs:eu-west-2:210987654321:task-definition/myservice-myapplication-task:1", Region = Region };
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(request, CancellationToken.None));
            Assert.Equal("ArnMismatch", ex.ErrorId);
            Assert.Equal(1, ecs.CallCount("DescribeTaskDefinition")); // the service's current one only
        }

        [Fact]
        public async Task Matching_arns_deploy_to_the_service_they_name()
        {
            var ecs = SeededEcs();
            var starter = new DeploymentStarter(ecs, new RecordingReporter());
            var plan = await starter.PlanAsync(new StartDeploymentRequest { Cluster = ClusterArn, Service = ServiceArn, Image = Repository + ":2.0", Region = Region }, CancellationToken.None);
            await starter.ExecuteAsync(plan, CancellationToken.None);
            Assert.Equal(ServiceName, Assert.Single(ecs.Updates).Service);
        }

        [Theory]
        [InlineData("Start")]
        [InlineData("Undo")]
        public async Task An_unknown_task_definition_is_TaskDefinitionNotFound_naming_it(string cmdlet)
        {
            var ecs = SeededEcs();
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => ChooseAsync(ecs, cmdlet, "myservice-myapplication-task:99"));
            Assert.Equal("TaskDefinitionNotFound", ex.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.ObjectNotFound, ex.Error.Kind);
            Assert.Contains("'myservice-myapplication-task:99'", ex.Message);
            Assert.Equal(0, ecs.CallCount("UpdateService"));
        }

        [Theory]
        [InlineData("Start")]
        [InlineData("Undo")]
        public async Task An_inactive_revision_is_TaskDefinitionInactive(string cmdlet)
        {
            var ecs = SeededEcs();
            var inactive = TaskDefinition(TaskDefinition2, 2, ("myapplication", Repository + ":2.0"));
            inactive.TaskDefinition["status"] = "INACTIVE";
            ecs.TaskDefinitions["myservice-myapplication-task:2"] = inactive;
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => ChooseAsync(ecs, cmdlet, "myservice-myapplication-task:2"));
            Assert.Equal("TaskDefinitionInactive", ex.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.InvalidOperation, ex.Error.Kind);
            Assert.Contains(TaskDefinition2, ex.Message);
            Assert.Equal(0, ecs.CallCount("UpdateService"));
        }

        [Theory]
        [InlineData("CODE_DEPLOY", null)]
        [InlineData("CODE_DEPLOY", "myservice-myapplication-task:1")]
        [InlineData("EXTERNAL", "myservice-myapplication-task:1")]
        public async Task A_rollback_of_a_service_of_another_controller_is_refused(string controller, string? toTaskDefinition)
        {
            var ecs = SeededEcs();
            ecs.Services[ServiceName].DeploymentControllerType = controller;
            var undone = new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/1", PreviousTaskDefinitionArn = TaskDefinition1 };
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new RollbackPlanner(ecs, new RecordingReporter()).PlanAsync(undone, toTaskDefinition, CancellationToken.None));
            Assert.Equal("UnsupportedDeploymentController", ex.ErrorId);
            Assert.Contains(controller, ex.Message);
            Assert.Equal(0, ecs.CallCount("DescribeTaskDefinition"));
        }

        [Fact]
        public async Task A_missing_tag_of_the_accounts_registry_names_the_tags_that_look_close()
        {
            var (ecs, ecr) = WithImages("1.0", "2.0", "2.1", "2.2", "latest", "2.10-rc1", "release-2024");
            var request = new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, Image = Repository + ":2.3" };
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentStarter(ecs, ecr, new RecordingReporter()).PlanAsync(request, CancellationToken.None));
            Assert.Equal("ImageNotFound", ex.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.ObjectNotFound, ex.Error.Kind);
            Assert.Contains("tag '2.3'", ex.Message);
            Assert.Contains("look close: 2.0, 2.1, 2.2, 1.0.", ex.Message);
            Assert.Contains("-SkipImageCheck", ex.Message);
            Assert.Equal(1, ecr.Count("DescribeImages"));
            Assert.Equal(0, ecs.CallCount("RegisterTaskDefinition"));
        }

        [Fact]
        public async Task A_present_tag_or_digest_passes_with_one_DescribeImages()
        {
            var (ecs, ecr) = WithImages("1.0", "2.0");
            await new DeploymentStarter(ecs, ecr, new RecordingReporter()).PlanAsync(new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, Image = Repository + ":2.0" }, CancellationToken.None);
            Assert.Equal(1, ecr.Count("DescribeImages"));
            Assert.Equal(0, ecr.Count("ListImages"));
        }

        [Fact]
        public async Task A_missing_digest_is_ImageNotFound()
        {
            var (ecs, ecr) = WithImages("1.0");
            var missing = "sha256:" + new string('e', 64);
            var ex = await Assert.ThrowsAsync<EcsBlueGreenException>(() => new DeploymentStarter(ecs, ecr, new RecordingReporter())
                .PlanAsync(new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, Image = Repository + "@" + missing }, CancellationToken.None));
            Assert.Equal("ImageNotFound", ex.ErrorId);
            Assert.Contains("digest " + missing, ex.Message);
        }

        [Theory]
        [InlineData("docker.io/library/nginx:1.27", false)]
        [InlineData("210987654321.dkr.ecr.eu-west-2.amazonaws.com/myapplication:9.9", false)]
        [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/myapplication:9.9", false)]
        [InlineData(Repository + ":9.9", true)]
        public async Task Only_images_of_the_accounts_own_registry_are_checked_and_SkipImageCheck_checks_none(string image, bool checkedHere)
        {
            var (ecs, ecr) = WithImages("1.0");
            var starter = new DeploymentStarter(ecs, ecr, new RecordingReporter());
            await starter.PlanAsync(new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, Image = image, SkipImageCheck = true }, CancellationToken.None);
            Assert.Equal(0, ecr.Count("DescribeImages"));
            if (checkedHere)
            {
                await Assert.ThrowsAsync<EcsBlueGreenException>(() => starter.PlanAsync(new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, Image = image }, CancellationToken.None));
            }
            else
            {
                await starter.PlanAsync(new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, Image = image }, CancellationToken.None);
            }

            Assert.Equal(checkedHere ? 1 : 0, ecr.Count("DescribeImages"));
        }

        [Fact]
        public void Similar_tags_are_typos_and_the_same_version_line_closest_first_at_most_five()
        {
            Assert.Equal(new[] { "2.0", "2.1", "2.2", "1.0" }, SimilarTags.Near("2.3", new[] { "1.0", "2.0", "2.1", "2.2", "latest", "release-2024" }));
            Assert.Equal(new[] { "v1.2.30", "v1.2.3-rc1" }, SimilarTags.Near("v1.2.3", new[] { "v1.2.3-rc1", "v1.2.30", "v1.2.3", "main" }));
            Assert.Equal(5, SimilarTags.Near("1.0", Enumerable.Range(0, 9).Select(i => $"1.{i}")).Count);
            Assert.Empty(SimilarTags.Near("2.3", new[] { "latest", "production" }));
            Assert.Equal(3, SimilarTags.EditDistance("kitten", "sitting"));
        }

        [Fact]
        public void Environment_values_are_strings_numbers_or_bools_and_nothing_else()
        {
            Assert.Equal("debug", EnvironmentValues.ToText("LOG_LEVEL", "debug"));
            Assert.Equal("1.5", EnvironmentValues.ToText("RATIO", 1.5));
            Assert.Equal("5.10", EnvironmentValues.ToText("VERSION", 5.10m));
            Assert.Equal("42", EnvironmentValues.ToText("N", 42));
            Assert.Equal("True", EnvironmentValues.ToText("ON", true));
            Assert.Null(EnvironmentValues.ToText("GONE", null));
            foreach (var (value, type) in new (object, string)[] { (new Hashtable { ["a"] = 1 }, "System.Collections.Hashtable"), (new object[] { 1, 2 }, "System.Object[]"), (new StringBuilder("x"), "System.Text.StringBuilder") })
            {
                var ex = Assert.Throws<EcsBlueGreenException>(() => EnvironmentValues.ToText("X", value));
                Assert.Equal("InvalidEnvironmentValue", ex.ErrorId);
                Assert.Equal(EcsBlueGreen.Errors.ErrorKind.InvalidArgument, ex.Error.Kind);
                Assert.Contains("-Environment X is a " + type, ex.Message);
            }
        }

        private static (FakeEcs Ecs, FakeEcr Ecr) WithImages(params string[] tags)
        {
            var registry = new FakeRegistry();
            foreach (var tag in tags)
            {
                var bytes = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"tag\":\"" + tag + "\"}");
                registry.Manifests["myapplication@" + tag] = (bytes, "application/vnd.oci.image.manifest.v1+json");
                registry.Manifests["myapplication@" + TestImage.Sha(bytes)] = (bytes, "application/vnd.oci.image.manifest.v1+json");
            }

            return (SeededEcs(), new FakeEcr(registry));
        }

        private static Task ChooseAsync(FakeEcs ecs, string cmdlet, string taskDefinition) => cmdlet == "Start"
            ? new DeploymentStarter(ecs, new RecordingReporter()).PlanAsync(new StartDeploymentRequest { Cluster = Cluster, Service = ServiceName, TaskDefinition = taskDefinition }, CancellationToken.None)
            : new RollbackPlanner(ecs, new RecordingReporter()).PlanAsync(new EcsDeployment { Cluster = Cluster, Service = ServiceName, DeploymentId = "ecs-svc/1" }, taskDefinition, CancellationToken.None);
    }
}
