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

        private const string HtmlPage = "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>upstream secret-ish detail</p></body></html>";

        private static System.Net.Http.HttpResponseMessage Page(HttpStatusCode status, string body, string contentType)
        {
            var response = new System.Net.Http.HttpResponseMessage(status) { Content = new System.Net.Http.StringContent(body) };
            response.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            return response;
        }

        [Theory]
        [InlineData(403, "text/plain; charset=utf-8", "<html>denied</html>", "Forbidden", "HTTP 403 answer of type text/plain, not an AWS error (JSON); its body is not shown.")]
        [InlineData(500, "text/html; charset=iso-8859-1", HtmlPage, "InternalServerError", "HTTP 500 answer of type text/html, not an AWS error (JSON); its body is not shown.")]
        [InlineData(502, "TEXT/HTML", HtmlPage, "BadGateway", "HTTP 502 answer of type text/html, not an AWS error (JSON); its body is not shown.")]
        [InlineData(400, "application/json", "[\"an array\", \"<html>\"]", "BadRequest", "HTTP 400 answer of type application/json, not an AWS error (JSON); its body is not shown.")]
        public async Task Non_json_error_body_is_described_by_status_and_type_never_shown(int status, string contentType, string body, string code, string message)
        {
            var handler = new FakeAwsHandler { Default = _ => Page((HttpStatusCode)status, body, contentType) };
            using var session = Sessions.WithHandler(handler, maxAttempts: 1);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Equal(code, error.ErrorCode);
            Assert.Equal(message, error.Message);
            Assert.Equal(status, error.StatusCode);
            Assert.DoesNotContain("<", error.ToString());
            Assert.DoesNotContain("denied", error.ToString());
        }

        [Fact]
        public async Task Html_500_after_every_retry_is_one_short_error()
        {
            var handler = new FakeAwsHandler { Default = _ => Page(HttpStatusCode.InternalServerError, HtmlPage, "text/html") };
            using var session = Sessions.WithHandler(handler, maxAttempts: 3);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Equal(3, handler.Requests.Count);
            Assert.Equal("InternalServerError", error.ErrorCode);
            Assert.Equal("HTTP 500 answer of type text/html, not an AWS error (JSON); its body is not shown.", error.Message);
        }

        [Theory]
        [InlineData(null, "(none)")]
        [InlineData("text/html\"><script>x</script>", "(unrecognised)")]
        public async Task A_missing_or_odd_content_type_is_not_echoed(string? contentType, string shown)
        {
            var handler = new FakeAwsHandler
            {
                Default = _ =>
                {
                    var response = new System.Net.Http.HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new System.Net.Http.ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(HtmlPage)) };
                    if (contentType != null)
                    {
                        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    }

                    return response;
                },
            };
            using var session = Sessions.WithHandler(handler, maxAttempts: 1);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Equal("ServiceUnavailable", error.ErrorCode);
            Assert.Equal($"HTTP 503 answer of type {shown}, not an AWS error (JSON); its body is not shown.", error.Message);
        }

        [Fact]
        public async Task A_success_status_with_an_html_body_is_invalid_and_not_shown()
        {
            var handler = new FakeAwsHandler { Default = _ => Page(HttpStatusCode.OK, HtmlPage, "text/html") };
            using var session = Sessions.WithHandler(handler, maxAttempts: 1);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => session.CreateEcsClient().ListClustersAsync(CancellationToken.None));
            Assert.Equal("InvalidResponse", error.ErrorCode);
            Assert.Equal("HTTP 200 answer of type text/html, not an AWS error (JSON); its body is not shown.", error.Message);
        }

        [Fact]
        public async Task Query_error_that_is_not_xml_is_described_by_status_and_type()
        {
            var handler = new FakeAwsHandler { Default = _ => Page(HttpStatusCode.BadGateway, "<html><body>bad gateway<br></body></html>", "text/html") };
            using var session = Sessions.WithHandler(handler, maxAttempts: 1);
            var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
                session.CreateElbClient().DescribeTargetHealthAsync("arn:aws:elasticloadbalancing:eu-west-2:1:targetgroup/x/1", null, CancellationToken.None));
            Assert.Equal("BadGateway", error.ErrorCode);
            Assert.Equal("HTTP 502 answer of type text/html, not an AWS error (XML); its body is not shown.", error.Message);
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
