using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    /// <summary>Known secret strings never reach exception messages, observer records or display strings,
    /// even when the service quotes them back (SignatureDoesNotMatch quotes the canonical request).</summary>
    public class SecretsTests
    {
        private const string SessionToken = "IQoJb3JpZ2luX2VjEKnownSessionToken/+=Secret";

        private sealed class Log : IAwsCallObserver
        {
            public List<string> Lines { get; } = new List<string>();
            public void OnAttempt(AwsCallRecord record) { lock (Lines) Lines.Add(record.ToString()); }
        }

        private static readonly string[] Secrets = { Sessions.SecretKey, SessionToken, Uri.EscapeDataString(SessionToken), "registry-password" };

        [Fact]
        public async Task Secrets_never_appear_in_errors_or_logs()
        {
            var echo = "The request signature we calculated does not match. The Canonical String for this request should have been " +
                       "'POST\n/\n\nx-amz-security-token:" + SessionToken + "\n' and secret " + Sessions.SecretKey + " / " + Uri.EscapeDataString(SessionToken);
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json(HttpStatusCode.Forbidden,
                "{\"__type\":\"InvalidSignatureException\",\"message\":" + System.Text.Json.JsonSerializer.Serialize(echo) + "}") };
            var log = new Log();
            var captured = new StringBuilder();
            using var session = Sessions.WithHandler(handler, log, sessionToken: SessionToken);

            var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
                session.CreateEcsClient().UpdateServiceAsync(new UpdateServiceRequest { Cluster = "c", Service = "s", TaskDefinition = "t:1" }, CancellationToken.None));
            captured.AppendLine(error.Message).AppendLine(error.ToString());

            handler.Default = _ => FakeAwsHandler.Json(HttpStatusCode.InternalServerError, "{\"__type\":\"ServerException\",\"message\":\"token " + SessionToken + "\"}");
            var serverError = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            captured.AppendLine(serverError.ToString());

            handler.Default = _ => FakeAwsHandler.Json(HttpStatusCode.OK, "{\"authorizationData\":[{\"authorizationToken\":\"" +
                Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:registry-password")) + "\",\"proxyEndpoint\":\"https://1.dkr.ecr.eu-west-2.amazonaws.com\",\"expiresAt\":1733318615}]}");
            var auth = await session.CreateEcrClient().GetAuthorizationTokenAsync(CancellationToken.None);
            captured.AppendLine(auth.ToString());

            handler.Default = _ => FakeAwsHandler.Json(HttpStatusCode.OK, "{\"authorizationData\":[{\"authorizationToken\":\"not base64 registry-password\"}]}");
            var badToken = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcrClient().GetAuthorizationTokenAsync(CancellationToken.None));
            captured.AppendLine(badToken.ToString());

            captured.AppendLine(session.ToString()).AppendLine(session.CredentialSource);
            captured.AppendLine((await session.GetCredentialsAsync(CancellationToken.None)).ToString());
            foreach (var line in log.Lines) captured.AppendLine(line);

            var text = captured.ToString();
            Assert.Contains("InvalidSignatureException", text);
            Assert.NotEmpty(log.Lines);
            foreach (var secret in Secrets)
            {
                Assert.DoesNotContain(secret, text);
            }
        }

        [Fact]
        public void Configuration_errors_never_quote_keys()
        {
            using var env = new TestEnvironment();
            var error = Assert.Throws<AwsConfigurationException>(() => AwsSession.Resolve(
                new AwsConnectionOptions { SecretKey = Sessions.SecretKey, SessionToken = SessionToken, Region = "eu-west-2" }, env.Build()));
            Assert.DoesNotContain(Sessions.SecretKey, error.ToString());
            Assert.DoesNotContain(SessionToken, error.ToString());
        }
    }
}
