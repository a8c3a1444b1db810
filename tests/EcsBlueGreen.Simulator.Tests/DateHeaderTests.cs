using System.Net.Http.Headers;
using System.Text;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

/// <summary>AWS dates its answers on the clock of its timestamps; so does the simulator, on the simulated one.</summary>
public sealed class DateHeaderTests
{
    [Fact]
    public async Task Answers_are_dated_on_the_simulated_clock_whatever_the_wall_clock_says()
    {
        await using var sim = await TestSimulator.StartAsync();
        var start = DateTimeOffset.Parse((await sim.Control("/_simulator/clock"))["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), start);

        Assert.Equal(start, await DateOfAnswer(sim, json: true));
        await sim.Advance(3600);
        Assert.Equal(start.AddHours(1), await DateOfAnswer(sim, json: true));
        Assert.Equal(start.AddHours(1), await DateOfAnswer(sim, json: false));
    }

    private static async Task<DateTimeOffset?> DateOfAnswer(TestSimulator sim, bool json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUri, "/"));
        byte[] body;
        if (json)
        {
            body = Encoding.UTF8.GetBytes("{}");
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");
            TestSigner.Sign(request, body, "ecs", "eu-west-2", TestSimulator.AccessKey, TestSimulator.SecretKey);
        }
        else
        {
            body = Encoding.UTF8.GetBytes("Action=DescribeTargetGroups&Version=2015-12-01");
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
            TestSigner.Sign(request, body, "elasticloadbalancing", "eu-west-2", TestSimulator.AccessKey, TestSimulator.SecretKey);
        }

        using var response = await sim.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.Date;
    }
}
