using System.Net;
using System.Text;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

public sealed class SigV4Tests
{
    private static readonly object Body = new { cluster = TestSimulator.Cluster, services = new[] { TestSimulator.Service } };
    private const string Prefix = "AmazonEC2ContainerServiceV20141113";

    [Fact]
    public async Task UnknownAccessKeyIsUnrecognizedClient()
    {
        await using var sim = await TestSimulator.StartAsync();
        var e = await Assert.ThrowsAsync<AwsError>(() => sim.Json("ECS", Prefix, "ecs", "DescribeServices", Body, accessKey: "AKIAUNKNOWNKEY000000"));
        Assert.Equal((403, "UnrecognizedClientException"), (e.Status, e.Code));
    }

    [Fact]
    public async Task WrongSecretIsInvalidSignature()
    {
        await using var sim = await TestSimulator.StartAsync();
        var e = await Assert.ThrowsAsync<AwsError>(() => sim.Json("ECS", Prefix, "ecs", "DescribeServices", Body, secretKey: "not-the-secret"));
        Assert.Equal((403, "InvalidSignatureException"), (e.Status, e.Code));
        var wrongService = await Assert.ThrowsAsync<AwsError>(() => sim.Json("ECS", Prefix, "ecr", "DescribeServices", Body));
        Assert.Equal("InvalidSignatureException", wrongService.Code);
    }

    [Fact]
    public async Task SessionTokensAreAccepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var r = await sim.Json("ECS", Prefix, "ecs", "DescribeServices", Body, sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN");
        Assert.Single(r["services"]!.AsArray());
    }

    [Fact]
    public async Task TamperedBodyAndUnsignedRequestsAreRejected()
    {
        await using var sim = await TestSimulator.StartAsync();
        var signedBytes = Encoding.UTF8.GetBytes("{\"cluster\":\"myservice\",\"services\":[\"a\"]}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUri, "/"));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"cluster\":\"myservice\",\"services\":[\"b\"]}"));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", Prefix + ".DescribeServices");
        TestSigner.Sign(request, signedBytes, "ecs", "eu-west-2", TestSimulator.AccessKey, TestSimulator.SecretKey);
        using var response = await sim.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("InvalidSignatureException", await response.Content.ReadAsStringAsync());

        using var unsigned = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUri, "/")) { Content = new StringContent("{}") };
        unsigned.Headers.Add("X-Amz-Target", Prefix + ".ListClusters");
        using var r2 = await sim.Http.SendAsync(unsigned);
        Assert.Equal(HttpStatusCode.Forbidden, r2.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", r2.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task QueryProtocolSignatureErrorsAreXmlErrorResponses()
    {
        await using var sim = await TestSimulator.StartAsync();
        var e = await Assert.ThrowsAsync<AwsError>(() => sim.Elb("DescribeTargetGroups", secretKey: "bad"));
        Assert.Equal((403, "SignatureDoesNotMatch"), (e.Status, e.Code));
        var counts = await sim.Control("/_simulator/requests");
        Assert.Equal(1, counts["ELBv2.DescribeTargetGroups"]!.GetValue<int>());
    }
}
