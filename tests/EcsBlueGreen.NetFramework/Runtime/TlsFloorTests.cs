using EcsBlueGreen.Retries;
using System.Net;
using EcsBlueGreen.Aws;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Runtime
{
    /// <summary>
    /// .NET Framework's HttpClientHandler negotiates only the TLS versions in
    /// ServicePointManager.SecurityProtocol, which Windows PowerShell 5.1 starts at Ssl3|Tls unless the
    /// SchUseStrongCrypto policy is set; AWS endpoints require TLS 1.2. (The handshake itself is not
    /// exercised: the simulator speaks plain HTTP on loopback.)
    /// </summary>
    [Collection(ProcessWideCollection.Name)]
    public class TlsFloorTests
    {
        [Theory]
        [InlineData(SecurityProtocolType.Tls, SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
        [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11, SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
        [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
        [InlineData((SecurityProtocolType)0, (SecurityProtocolType)0)]
        public void A_session_adds_TLS_1_2_to_what_the_process_allows_and_takes_nothing_away(SecurityProtocolType before, SecurityProtocolType after)
        {
            var saved = ServicePointManager.SecurityProtocol;
            try
            {
                ServicePointManager.SecurityProtocol = before;

                using (AwsSession.Resolve(new AwsConnectionOptions { Region = "eu-west-2", AccessKey = "AKIDEXAMPLE", SecretKey = "not-a-secret" }, EmptyEnvironment.Create()))
                {
                    Assert.Equal(after, ServicePointManager.SecurityProtocol);
                }
            }
            finally
            {
                ServicePointManager.SecurityProtocol = saved;
            }
        }

        [Fact]
        public void The_registry_client_for_image_pushes_does_the_same()
        {
            var saved = ServicePointManager.SecurityProtocol;
            try
            {
                ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;

                using (new EcsBlueGreen.Images.RegistryClient(new System.Uri("https://123456789012.dkr.ecr.eu-west-2.amazonaws.com"), null, new RetryPolicy(new RetryOptions(), System.TimeProvider.System)))
                {
                    Assert.Equal(SecurityProtocolType.Tls | SecurityProtocolType.Tls12, ServicePointManager.SecurityProtocol);
                }
            }
            finally
            {
                ServicePointManager.SecurityProtocol = saved;
            }
        }
    }
}
