using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Elb;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    public class ErrorParsingTests
    {
        [Theory]
        [InlineData("{\"__type\":\"ServiceNotFoundException\",\"message\":\"Service not found.\"}", null, "ServiceNotFoundException", "Service not found.")]
        [InlineData("{\"__type\":\"aws.ecs#ServiceNotFoundException:http://internal.amazon.com/\",\"Message\":\"Service not found.\"}", null, "ServiceNotFoundException", "Service not found.")]
        [InlineData("{\"code\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}", null, "ClusterNotFoundException", "Cluster not found.")]
        [InlineData("{\"message\":\"The referenced cluster was inactive.\"}", "ClusterNotFoundException:http://internal", "ClusterNotFoundException", "The referenced cluster was inactive.")]
        public async Task Json_error_becomes_one_exception_with_every_field(string body, string? errorTypeHeader, string code, string message)
        {
            var handler = new FakeAwsHandler();
            handler.Enqueue(_ => errorTypeHeader == null
                ? FakeAwsHandler.Json(HttpStatusCode.BadRequest, body, ("x-amzn-RequestId", "rid-42"))
                : FakeAwsHandler.Json(HttpStatusCode.BadRequest, body, ("x-amzn-RequestId", "rid-42"), ("x-amzn-ErrorType", errorTypeHeader)));
            using var session = Sessions.WithHandler(handler);

            var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
                session.CreateEcsClient().UpdateServiceAsync(new UpdateServiceRequest { Cluster = "c", Service = "s", TaskDefinition = "td:1" }, CancellationToken.None));

            Assert.Equal("ECS", error.Service);
            Assert.Equal("UpdateService", error.Operation);
            Assert.Equal(code, error.ErrorCode);
            Assert.Equal(message, error.Message);
            Assert.Equal(400, error.StatusCode);
            Assert.Equal("rid-42", error.RequestId);
            Assert.False(error.IsThrottling);
        }

        [Fact]
        public async Task Non_json_error_body_keeps_the_text_and_uses_the_status_as_code()
        {
            var handler = new FakeAwsHandler();
            handler.Enqueue(_ => new System.Net.Http.HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new System.Net.Http.StringContent("<html>denied</html>") });
            using var session = Sessions.WithHandler(handler);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Equal("403", error.ErrorCode);
            Assert.Contains("denied", error.Message);
        }

        [Fact]
        public async Task Query_error_is_read_from_the_error_response()
        {
            var handler = new FakeAwsHandler();
            handler.Enqueue(_ => FakeAwsHandler.Xml(HttpStatusCode.BadRequest,
                "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code>" +
                "<Message>One or more target groups not found</Message></Error><RequestId>elb-rid-7</RequestId></ErrorResponse>"));
            using var session = Sessions.WithHandler(handler);

            var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
                session.CreateElbClient().DescribeTargetHealthAsync("arn:aws:elasticloadbalancing:eu-west-2:1:targetgroup/x/1", null, CancellationToken.None));

            Assert.Equal("ELBv2", error.Service);
            Assert.Equal("DescribeTargetHealth", error.Operation);
            Assert.Equal("TargetGroupNotFound", error.ErrorCode);
            Assert.Equal("One or more target groups not found", error.Message);
            Assert.Equal("elb-rid-7", error.RequestId);
        }

        [Theory]
        [InlineData(400, "ThrottlingException", true)]
        [InlineData(400, "Throttling", true)]
        [InlineData(400, "ThrottleException", true)]
        [InlineData(429, "TooManyRequestsException", true)]
        [InlineData(429, "Whatever", true)]
        [InlineData(400, "ClientException", false)]
        public async Task Throttling_is_flagged(int status, string code, bool throttling)
        {
            var handler = new FakeAwsHandler { Default = _ => FakeAwsHandler.Json((HttpStatusCode)status, "{\"__type\":\"" + code + "\",\"message\":\"Rate exceeded\"}") };
            using var session = Sessions.WithHandler(handler, maxAttempts: 1);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Equal(throttling, error.IsThrottling);
        }
    }
}
