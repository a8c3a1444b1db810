using EcsBlueGreen.Retries;
using EcsBlueGreen.Ecs;
using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Aws.Retry;
using EcsBlueGreen.NetFramework.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsBlueGreen.NetFramework.Runtime
{
    /// <summary>
    /// On .NET Framework, TimeProvider is Microsoft.Bcl.TimeProvider's netstandard2.0 polyfill: timed
    /// cancellation (CreateCancellationTokenSource) runs on the provider's own timer, an ITimer, which
    /// is IAsyncDisposable from Microsoft.Bcl.AsyncInterfaces. The attempt timeout must follow the
    /// session's clock, not the wall clock.
    /// </summary>
    public class TimeProviderPolyfillTests
    {
        private sealed class SilentHandler : HttpMessageHandler
        {
            public TaskCompletionSource<bool> Reached { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Reached.TrySetResult(true);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException("unreachable");
            }
        }

        [Fact]
        public async Task An_attempt_times_out_when_the_session_clock_passes_the_attempt_timeout()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
            var handler = new SilentHandler();
            var options = new AwsConnectionOptions { Region = "eu-west-2", AccessKey = "AKIDEXAMPLE", SecretKey = "not-a-secret", EndpointUrl = "http://127.0.0.1:9/", MaxAttempts = 1 };
            var settings = new AwsSessionSettings { HttpHandler = handler, Time = clock, Retry = new RetryOptions { AttemptTimeout = TimeSpan.FromSeconds(60) } };
            using (var session = AwsSession.Resolve(options, EmptyEnvironment.Create(), settings))
            {
                var call = session.CreateEcsClient().ListClustersAsync(CancellationToken.None);
                await handler.Reached.Task;

                clock.Advance(TimeSpan.FromSeconds(59));
                Assert.False(call.IsCompleted);
                clock.Advance(TimeSpan.FromSeconds(1));

                var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(30)));
                Assert.Same(call, finished);
                var error = await Assert.ThrowsAsync<AwsTransportException>(() => call);
                Assert.Equal("ECS ListClusters timed out after 60 s.", error.Message);
                Assert.True(error.OutcomeUnknown);
            }

            var asyncInterfaces = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "Microsoft.Bcl.AsyncInterfaces");
            Assert.Equal(Path.Combine(ModuleLayout.DependencyFolder, "Microsoft.Bcl.AsyncInterfaces.dll"), asyncInterfaces.Location);
        }
    }
}
