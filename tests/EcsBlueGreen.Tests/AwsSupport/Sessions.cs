using System;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Retries;
using Microsoft.Extensions.Time.Testing;

namespace EcsBlueGreen.Tests.AwsSupport
{
    /// <summary>Sessions wired to a fake handler with fixed keys and no real waiting.</summary>
    public static class Sessions
    {
        public const string AccessKey = "AKIDTESTACCESSKEY";
        public const string SecretKey = "TestSecretKey/Never+Printed0123456789";

        public static AwsSession WithHandler(FakeAwsHandler handler, IAwsCallObserver? observer = null, int? maxAttempts = null,
            TimeProvider? time = null, string? sessionToken = null, Func<double>? jitter = null)
        {
            using var env = new TestEnvironment();
            return AwsSession.Resolve(
                new AwsConnectionOptions
                {
                    Region = "eu-west-2",
                    AccessKey = AccessKey,
                    SecretKey = SecretKey,
                    SessionToken = sessionToken,
                    EndpointUrl = "http://127.0.0.1:9/",
                    MaxAttempts = maxAttempts,
                },
                env.Build(),
                new AwsSessionSettings
                {
                    HttpHandler = handler,
                    Observer = observer,
                    Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero },
                    Retry = new RetryOptions { Jitter = jitter ?? (() => 0.0) },
                });
        }
    }
}
