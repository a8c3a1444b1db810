using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Aws.Protocol;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Elb;
using EcsBlueGreen.Simulator;
using EcsBlueGreen.Simulator.Scenarios;
using EcsBlueGreen.Tests.AwsSupport;
using EcsBlueGreen.Tests.Contract;
using Xunit;

namespace EcsBlueGreen.Tests.Ecs
{
    /// <summary>
    /// Against the in-process simulator (which verifies every SigV4 signature): a task definition setting every
    /// member of the model's RegisterTaskDefinition input survives register → describe → clone → register.
    /// </summary>
    public class SimulatorRoundTripTests : IAsyncLifetime
    {
        private SimulatorHost? _host;

        public async Task InitializeAsync() =>
            _host = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, TimeScale = 60, Scenario = "seed" });

        public async Task DisposeAsync()
        {
            if (_host != null) await _host.DisposeAsync();
        }

        private AwsSession Session(string? secretKey = null)
        {
            using var env = new TestEnvironment();
            return AwsSession.Resolve(new AwsConnectionOptions
            {
                Region = "eu-west-2",
                AccessKey = "AKIAIOSFODNN7EXAMPLE",
                SecretKey = secretKey ?? "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                EndpointUrl = _host!.BaseUri.ToString(),
            }, env.Build());
        }

        [Fact]
        public async Task Every_register_member_survives_describe_and_clone()
        {
            using var session = Session();
            var ecs = session.CreateEcsClient();
            var model = ServiceModel.Load(RepoPaths.EcsModel);
            var everyMember = (JsonObject)new SampleGenerator(model).Json(model.InputShapeName("RegisterTaskDefinition")!)!;
            everyMember["family"] = "roundtrip-every-member";
            Assert.Equal(model.MemberNames(model.InputShapeName("RegisterTaskDefinition")!).OrderBy(m => m), everyMember.Select(m => m.Key).OrderBy(m => m));

            var registered = await ecs.RegisterTaskDefinitionAsync((JsonObject)everyMember.DeepClone(), CancellationToken.None);
            var described = await ecs.DescribeTaskDefinitionAsync(registered.Arn, CancellationToken.None);
            var clone = TaskDefinitionClone.ToRegisterInput(described);

            foreach (var member in everyMember)
            {
                Assert.True(clone.ContainsKey(member.Key), "lost " + member.Key);
                Assert.True(JsonSubset.IsContainedIn(member.Value, clone[member.Key]), "changed " + member.Key + ": " + clone[member.Key]?.ToJsonString());
            }

            Assert.Empty(new ModelValidator(model).Validate(clone, model.InputShapeName("RegisterTaskDefinition")!));
            var again = await ecs.RegisterTaskDefinitionAsync(clone, CancellationToken.None);
            Assert.Equal(registered.Revision + 1, again.Revision);
            var describedAgain = await ecs.DescribeTaskDefinitionAsync(again.Arn, CancellationToken.None);
            Assert.True(JsonNode.DeepEquals(clone, TaskDefinitionClone.ToRegisterInput(describedAgain)));
        }

        [Fact]
        public async Task Seed_scenario_reads_through_all_three_protocol_clients()
        {
            using var session = Session();
            var ecs = session.CreateEcsClient();
            var services = await ecs.DescribeServicesAsync(SeedScenario.ClusterName, new[] { SeedScenario.ServiceName, "no-such-service" }, CancellationToken.None);
            var service = Assert.Single(services.Services);
            Assert.Equal("MISSING", Assert.Single(services.Failures).Reason);
            var described = await ecs.DescribeTaskDefinitionAsync(service.TaskDefinition, CancellationToken.None);
            Assert.Equal(SeedScenario.Family, described.Family);

            var repository = await session.CreateEcrClient().DescribeRepositoryAsync(SeedScenario.RepositoryName, CancellationToken.None);
            Assert.NotNull(repository);
            Assert.Null(await session.CreateEcrClient().DescribeRepositoryAsync("no-such-repository", CancellationToken.None));

            var elb = session.CreateElbClient();
            var targetGroupArn = Assert.Single(service.LoadBalancers).TargetGroupArn!;
            Assert.NotEmpty(await elb.DescribeTargetHealthAsync(targetGroupArn, null, CancellationToken.None));
            Assert.Single(await elb.DescribeTargetGroupsAsync(new[] { targetGroupArn }, null, CancellationToken.None));
        }

        [Fact]
        public async Task Wrong_secret_is_refused_by_the_simulators_signature_check()
        {
            using var session = Session(secretKey: "wrong-secret-key-0000000000000000000000");
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Equal("InvalidSignatureException", error.ErrorCode);
            Assert.DoesNotContain("wrong-secret-key", error.ToString());
        }
    }
}
