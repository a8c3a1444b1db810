using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

/// <summary>GET /_simulator/connections: open connections, and those that carried an AWS call since the last reset.</summary>
public sealed class ConnectionTrackerTests
{
    private static async Task ListClusters(HttpClient client, Uri baseUri)
    {
        var bytes = Encoding.UTF8.GetBytes("{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/"));
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");
        TestSigner.Sign(request, bytes, "ecs", "eu-west-2", TestSimulator.AccessKey, TestSimulator.SecretKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<int> AwsOpen(TestSimulator sim) => (await sim.Control("/_simulator/connections"))["awsOpen"]!.GetValue<int>();

    [Fact]
    public async Task AConnectionCountsWhileOpenAfterAnAwsCallAndNotAfterTheClientIsDisposedOrAReset()
    {
        await using var sim = await TestSimulator.StartAsync();
        Assert.Equal(0, await AwsOpen(sim));

        await sim.Ecs("ListClusters");
        Assert.Equal(1, await AwsOpen(sim));
        await sim.ControlPost("/_simulator/requests/reset");
        Assert.Equal(0, await AwsOpen(sim));
        Assert.True((await sim.Control("/_simulator/connections"))["open"]!.GetValue<int>() >= 1, "the test client's connection is still open");

        var other = new HttpClient();
        await ListClusters(other, sim.BaseUri);
        Assert.Equal(1, await AwsOpen(sim));
        other.Dispose();

        // Closing is the client's FIN reaching Kestrel: bounded, not timed.
        var deadline = Stopwatch.StartNew();
        while (await AwsOpen(sim) != 0 && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Assert.Equal(0, await AwsOpen(sim));
    }
}
