using EcsBlueGreen.Ecs;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Aws
{
    /// <summary>A service that quotes the secret key and the session token back in its error (AWS's
    /// SignatureDoesNotMatch quotes the canonical request, token included): neither reaches the
    /// exception, its text or what the call observer records.</summary>
    public class SecretRedactionTests
    {
        private const string SecretKey = "netfxSecretKey/Never+Printed0123456789abc";
        private const string SessionToken = "IQoJb3JpZ2luX2VjNetFxSessionToken/+=Secret";

        private sealed class Records : IAwsCallObserver
        {
            private readonly List<string> _lines = new List<string>();

            public string Text
            {
                get { lock (_lines) return string.Join("\n", _lines); }
            }

            public void OnAttempt(AwsCallRecord record)
            {
                lock (_lines) _lines.Add(record.ToString());
            }
        }

        [Fact]
        public async Task Secrets_quoted_back_by_the_service_are_masked_in_the_exception_and_the_records()
        {
            var quoted = $"The Canonical String for this request should have been 'POST\\n/\\n\\nx-amz-security-token:{SessionToken}\\n' " +
                         $"(secret {SecretKey}, escaped {Uri.EscapeDataString(SecretKey)} and {Uri.EscapeDataString(SessionToken)})";
            using (var stub = new LoopbackHttpStub(403, "application/x-amz-json-1.1", "{\"__type\":\"InvalidSignatureException\",\"message\":\"" + quoted + "\"}"))
            {
                var records = new Records();
                var options = new AwsConnectionOptions { Region = "eu-west-2", AccessKey = "AKIDNETFXEXAMPLE", SecretKey = SecretKey, SessionToken = SessionToken, EndpointUrl = stub.Endpoint, MaxAttempts = 1 };
                using (var session = AwsSession.Resolve(options, EmptyEnvironment.Create(), new AwsSessionSettings { Observer = records }))
                {
                    var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));

                    Assert.Equal("InvalidSignatureException", error.ErrorCode);
                    Assert.Contains("x-amz-security-token:****", error.Message);
                    Assert.Contains("(secret ****, escaped **** and ****)", error.Message);
                    var everything = new StringBuilder().AppendLine(error.ToString()).AppendLine(records.Text).AppendLine(session.ToString()).ToString();
                    Assert.Contains("ListClusters", records.Text);
                    foreach (var secret in new[] { SecretKey, SessionToken, Uri.EscapeDataString(SecretKey), Uri.EscapeDataString(SessionToken) })
                    {
                        Assert.DoesNotContain(secret, everything);
                    }

                    // The request went over the wire with the token in its header, as AWS requires.
                    var head = stub.RequestHeads.Single();
                    Assert.Contains("X-Amz-Security-Token: " + SessionToken, head);
                    Assert.DoesNotContain(SecretKey, head);
                }
            }
        }
    }
}
