using EcsBlueGreen.Ecs;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Aws
{
    /// <summary>Credentials and region from a shared credentials/config file pair, parsed by AWSSDK.Core's
    /// netstandard2.0 build, then used for a signed call. (Credentials from the real process environment:
    /// MissingDependencyTests, in a child process.)</summary>
    [Collection(SimulatorCollection.Name)]
    public sealed class ProfileCredentialTests : IDisposable
    {
        private readonly SimulatorProcess _simulator;
        private readonly string _home = Path.Combine(Path.GetTempPath(), "ecsbg-netfx-home-" + Guid.NewGuid().ToString("N"));

        public ProfileCredentialTests(SimulatorProcess simulator)
        {
            _simulator = simulator;
            Directory.CreateDirectory(Path.Combine(_home, ".aws"));
            File.WriteAllText(Path.Combine(_home, ".aws", "credentials"),
                "[default]\naws_access_key_id = AKIDDEFAULTNOTUSED\naws_secret_access_key = defaultNotUsed\n\n" +
                $"[netfx]\naws_access_key_id = {SimulatorProcess.AccessKey}\naws_secret_access_key = {SimulatorProcess.SecretKey}\n");
            File.WriteAllText(Path.Combine(_home, ".aws", "config"), "[profile netfx]\nregion = eu-west-2\n");
        }

        [Fact]
        public async Task A_named_profile_from_the_home_folder_signs_the_call_with_its_region()
        {
            await _simulator.ResetAsync();
            var environment = EmptyEnvironment.Create(new Dictionary<string, string> { ["AWS_PROFILE"] = "netfx", ["AWS_ENDPOINT_URL"] = _simulator.Endpoint }, _home);
            using (var session = AwsSession.Resolve(new AwsConnectionOptions { MaxAttempts = 1 }, environment))
            {
                Assert.Equal("profile netfx (AWS_PROFILE)", session.CredentialSource);
                Assert.Equal("eu-west-2", session.Region);

                var result = await session.CreateEcsClient().DescribeServicesAsync(SimulatorProcess.Cluster, new[] { SimulatorProcess.Service }, CancellationToken.None);

                Assert.Equal("ACTIVE", result.Services.Single().Status);
                Assert.Equal(SimulatorProcess.AccessKey, (await session.GetCredentialsAsync(CancellationToken.None)).AccessKey);
            }
        }

        [Fact]
        public async Task ProfileLocation_names_the_credentials_file_and_ProfileName_the_section()
        {
            var location = Path.Combine(_home, ".aws", "credentials");
            var options = new AwsConnectionOptions { ProfileName = "netfx", ProfileLocation = location, EndpointUrl = _simulator.Endpoint, MaxAttempts = 1 };
            using (var session = AwsSession.Resolve(options, EmptyEnvironment.Create()))
            {
                Assert.Equal("profile netfx", session.CredentialSource);
                Assert.Equal("eu-west-2", session.Region);
                var clusters = await session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
                Assert.Equal(new[] { "arn:aws:ecs:eu-west-2:123456789012:cluster/myservice" }, clusters);
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_home, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
