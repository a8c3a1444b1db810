using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecr.Model;
using Xunit;

namespace EcsBlueGreen.Tests.Contract
{
    public class EcrContractTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        // A real token is base64("AWS:<password>"); a sample string would not decode.
        private static readonly Dictionary<string, string> Overrides = new Dictionary<string, string>
        {
            ["authorizationToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:registry-password")),
        };

        private static readonly Dictionary<string, Func<IEcrApi, Task>> Calls = new Dictionary<string, Func<IEcrApi, Task>>
        {
            ["GetAuthorizationToken"] = async c =>
            {
                var auth = await c.GetAuthorizationTokenAsync(None);
                Assert.Equal("AWS", auth.UserName);
                Assert.Equal("registry-password", auth.Password);
                Assert.DoesNotContain("registry-password", auth.ToString());
            },
            ["DescribeRepositories"] = async c =>
            {
                Assert.Equal("sample-repositoryName", (await c.DescribeRepositoryAsync("web", None))!.RepositoryName);
                Assert.Single(await c.DescribeRepositoriesAsync(None));
            },
            ["CreateRepository"] = async c => Assert.Equal("sample-repositoryName", (await c.CreateRepositoryAsync("web", immutableTags: true, scanOnPush: true, None)).RepositoryName),
            ["DescribeImages"] = async c =>
            {
                var image = Assert.Single(await c.DescribeImagesAsync("web", new[] { EcrImageId.ForTag("2.0") }, None));
                Assert.Equal(1, image.ImageSizeInBytes);
            },
            ["BatchGetImage"] = async c => Assert.Equal("sample-imageManifest",
                Assert.Single(await c.BatchGetImageAsync("web", new[] { EcrImageId.ForTag("2.0"), EcrImageId.ForDigest("sha256:ab") },
                    new[] { "application/vnd.oci.image.manifest.v1+json" }, None)).ImageManifest),
            ["PutImage"] = async c => Assert.Equal("sample-imageTag", (await c.PutImageAsync("web", "{}", "application/vnd.oci.image.manifest.v1+json", "latest", "sha256:ab", None)).ImageTag),
            ["BatchCheckLayerAvailability"] = async c =>
            {
                var layers = await c.BatchCheckLayerAvailabilityAsync("web", new[] { "sample-layerDigest", "sha256:missing" }, None);
                Assert.True(layers["sample-layerDigest"]);
                Assert.False(layers["sha256:missing"]);
            },
        };

        public static IEnumerable<object[]> Operations() => Calls.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Operations))]
        public async Task Request_and_response_match_the_model(string operation)
        {
            using var harness = new ContractHarness("ecr-2015-09-21.service-2.json", overrides: Overrides);
            await Calls[operation](harness.Session.CreateEcrClient());
            Assert.Contains(operation, harness.OperationsCalled);
            harness.AssertRequestsMatchModel();
        }

        [Fact]
        public void Every_operation_the_module_calls_is_covered()
        {
            Assert.Empty(new[] { "GetAuthorizationToken", "DescribeRepositories", "CreateRepository", "DescribeImages", "BatchGetImage", "PutImage", "BatchCheckLayerAvailability" }
                .Except(Calls.Keys));
        }
    }
}
