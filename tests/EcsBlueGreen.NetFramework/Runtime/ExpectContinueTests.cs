using EcsBlueGreen.Ecs;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Runtime
{
    /// <summary>
    /// .NET Framework's HttpClientHandler sends a POST with "Expect: 100-continue" and holds the body
    /// until the server's interim answer unless the request says ExpectContinue = false: one more round
    /// trip for every AWS call. Mono's handler never sends it, so the request as handed to the handler is
    /// what is checked here.
    /// </summary>
    public class ExpectContinueTests
    {
        private sealed class RecordingHandler : HttpMessageHandler
        {
            public ConcurrentQueue<bool?> ExpectContinue { get; } = new ConcurrentQueue<bool?>();

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                ExpectContinue.Enqueue(request.Headers.ExpectContinue);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("{\"clusterArns\":[]}", Encoding.UTF8, "application/x-amz-json-1.1"),
                });
            }
        }

        [Fact]
        public async Task Every_AWS_call_asks_the_handler_not_to_wait_for_100_continue()
        {
            var handler = new RecordingHandler();
            var options = new AwsConnectionOptions { Region = "eu-west-2", AccessKey = "AKIDEXAMPLE", SecretKey = "not-a-secret", EndpointUrl = "http://127.0.0.1:9/", MaxAttempts = 1 };
            using (var session = AwsSession.Resolve(options, EmptyEnvironment.Create(), new AwsSessionSettings { HttpHandler = handler }))
            {
                Assert.Empty(await session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
                Assert.Empty(await session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            }

            Assert.Equal(new bool?[] { false, false }, handler.ExpectContinue.ToArray());
        }
    }
}
