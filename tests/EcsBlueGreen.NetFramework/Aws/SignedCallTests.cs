using EcsBlueGreen.Elb;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecs;
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Aws
{
    /// <summary>SigV4-signed calls of each protocol the core speaks, from this runtime's HTTP stack to the
    /// simulator, which verifies every signature.</summary>
    [Collection(SimulatorCollection.Name)]
    public class SignedCallTests
    {
        private readonly SimulatorProcess _simulator;

        public SignedCallTests(SimulatorProcess simulator) => _simulator = simulator;

        [Fact]
        public async Task DescribeServices_signed_with_the_right_key_returns_the_seed_service()
        {
            await _simulator.ResetAsync();
            using (var session = SimulatorSessions.For(_simulator))
            {
                var result = await session.CreateEcsClient().DescribeServicesAsync(SimulatorProcess.Cluster, new[] { SimulatorProcess.Service }, CancellationToken.None);

                var service = result.Services.Single();
                Assert.Equal(SimulatorProcess.Service, service.ServiceName);
                Assert.Equal("ACTIVE", service.Status);
                Assert.Equal(2, service.DesiredCount);
                Assert.Equal(2, service.RunningCount);
                Assert.EndsWith(":task-definition/myservice-myapplication-task:1", service.TaskDefinition);
                Assert.Equal(100, service.DeploymentConfiguration.MinimumHealthyPercent);
                Assert.Equal(200, service.DeploymentConfiguration.MaximumPercent);
                Assert.Contains("\"ECS.DescribeServices\":1", await _simulator.RequestCountsAsync());
            }
        }

        [Fact]
        public async Task A_wrong_secret_key_is_refused_by_the_signature_check_and_never_quoted()
        {
            const string wrongSecret = "wrongSecretKey/Never+Printed0123456789ab";
            using (var session = SimulatorSessions.For(_simulator, wrongSecret))
            {
                var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
                    session.CreateEcsClient().DescribeServicesAsync(SimulatorProcess.Cluster, new[] { SimulatorProcess.Service }, CancellationToken.None));

                Assert.Equal("InvalidSignatureException", error.ErrorCode);
                Assert.Equal(403, error.StatusCode);
                Assert.Contains("The request signature we calculated does not match the signature you provided.", error.Message);
                Assert.DoesNotContain(wrongSecret, error.ToString());
                Assert.DoesNotContain(Uri.EscapeDataString(wrongSecret), error.ToString());
            }
        }

        [Fact]
        public async Task The_query_protocol_of_ELBv2_is_signed_over_its_form_body()
        {
            using (var session = SimulatorSessions.For(_simulator))
            {
                var groups = await session.CreateElbClient().DescribeTargetGroupsAsync(null, null, CancellationToken.None);

                var group = Assert.Single(groups, g => g.TargetGroupName == "myservice-myapplication");
                Assert.Equal(8080, group.Port);
                Assert.Equal(10, group.HealthCheckIntervalSeconds);
                Assert.Equal(2, group.HealthyThresholdCount);
            }
        }

        [Fact]
        public async Task ECR_hands_out_a_registry_login_for_the_simulator()
        {
            using (var session = SimulatorSessions.For(_simulator))
            {
                var login = await session.CreateEcrClient().GetAuthorizationTokenAsync(CancellationToken.None);

                Assert.Equal("AWS", login.UserName);
                Assert.False(string.IsNullOrEmpty(login.Password));
                Assert.Equal(_simulator.Endpoint, login.ProxyEndpoint.TrimEnd('/'));
            }
        }
    }
}
