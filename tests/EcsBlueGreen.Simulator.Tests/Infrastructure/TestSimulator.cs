using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace EcsBlueGreen.Simulator.Tests.Infrastructure;

/// <summary>
/// An in-process simulator on 127.0.0.1 (manual clock unless a time scale is given) and a client
/// that signs requests and checks every answer against the official model.
/// </summary>
public sealed class TestSimulator : IAsyncDisposable
{
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string Cluster = "myservice";
    public const string Service = "myservice-myapplication";

    private static readonly HashSet<string> CommonErrors = new()
    {
        "ThrottlingException", "UnrecognizedClientException", "InvalidSignatureException", "MissingAuthenticationTokenException",
        "AccessDeniedException", "ServiceUnavailableException", "ServerException", "UnknownOperationException", "SerializationException",
    };

    private TestSimulator(SimulatorHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.BaseUri };
    }

    public SimulatorHost Host { get; }
    public HttpClient Http { get; }
    public Uri BaseUri => Host.BaseUri;

    public static async Task<TestSimulator> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { Port = 0, TimeScale = 0, Scenario = "seed", StartTime = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero) };
        configure?.Invoke(options);
        return new TestSimulator(await SimulatorHost.StartAsync(options));
    }

    public Task<JsonObject> Ecs(string operation, object? body = null) => Json("ECS", "AmazonEC2ContainerServiceV20141113", "ecs", operation, body);

    public Task<JsonObject> Ecr(string operation, object? body = null) => Json("ECR", "AmazonEC2ContainerRegistry_V20150921", "ecr", operation, body);

    /// <summary>An ECS call signed for another region.</summary>
    public Task<JsonObject> EcsIn(string region, string operation, object? body = null) =>
        Json("ECS", "AmazonEC2ContainerServiceV20141113", "ecs", operation, body, region: region);

    /// <summary>An ECR call signed for another region.</summary>
    public Task<JsonObject> EcrIn(string region, string operation, object? body = null) =>
        Json("ECR", "AmazonEC2ContainerRegistry_V20150921", "ecr", operation, body, region: region);

    public async Task<JsonObject> Json(string service, string prefix, string signingName, string operation, object? body,
        string accessKey = AccessKey, string secretKey = SecretKey, string? sessionToken = null, string region = "eu-west-2")
    {
        var bytes = Encoding.UTF8.GetBytes(body switch { null => "{}", JsonNode n => n.ToJsonString(), string s => s, _ => System.Text.Json.JsonSerializer.Serialize(body) });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, "/"));
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", $"{prefix}.{operation}");
        TestSigner.Sign(request, bytes, signingName, region, accessKey, secretKey, sessionToken);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var model = service == "ECS" ? ModelValidator.Ecs : ModelValidator.Ecr;
        if (!response.IsSuccessStatusCode)
        {
            var error = JsonNode.Parse(text)!;
            var code = error["__type"]!.GetValue<string>();
            Assert.Equal(code, response.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.True(model.ErrorShapes(operation).Contains(code) || CommonErrors.Contains(code), $"{code} is neither modelled for {operation} nor a common AWS error");
            throw new AwsError((int)response.StatusCode, code, error["message"]!.GetValue<string>());
        }
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType!.MediaType);
        var output = (JsonObject)JsonNode.Parse(text)!;
        var errors = model.ValidateJsonOutput(operation, output);
        Assert.True(errors.Count == 0, $"{service}.{operation} response does not match the model:\n" + string.Join("\n", errors));
        return output;
    }

    public async Task<XDocument> Elb(string action, IDictionary<string, string>? parameters = null, string secretKey = SecretKey)
    {
        var form = new Dictionary<string, string> { ["Action"] = action, ["Version"] = "2015-12-01" };
        foreach (var (k, v) in parameters ?? new Dictionary<string, string>()) form[k] = v;
        var bytes = Encoding.UTF8.GetBytes(string.Join("&", form.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, "/"));
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        TestSigner.Sign(request, bytes, "elasticloadbalancing", "eu-west-2", AccessKey, secretKey);
        using var response = await Http.SendAsync(request);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("ErrorResponse", doc.Root!.Name.LocalName);
            var error = doc.Root.Descendants().First(e => e.Name.LocalName == "Error");
            Assert.NotNull(doc.Root.Elements().FirstOrDefault(e => e.Name.LocalName == "RequestId"));
            throw new AwsError((int)response.StatusCode, Child(error, "Code"), Child(error, "Message"));
        }
        var problems = ModelValidator.Elb.ValidateXmlOutput(action, doc);
        Assert.True(problems.Count == 0, $"ELBv2.{action} response does not match the model:\n" + string.Join("\n", problems));
        return doc;
    }

    public static string Child(XElement e, string name) => e.Elements().First(x => x.Name.LocalName == name).Value;

    public static IEnumerable<XElement> All(XContainer doc, string name) => doc.Descendants().Where(x => x.Name.LocalName == name);

    /// <summary>Moves simulated time through the control surface (engine steps run synchronously).</summary>
    public async Task<JsonObject> Advance(double seconds)
    {
        using var response = await Http.PostAsync(FormattableString.Invariant($"/_simulator/advance?seconds={seconds}"), null);
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonNode> Control(string path)
    {
        var text = await Http.GetStringAsync(path);
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> ControlPost(string path, string? json = null)
    {
        using var response = await Http.PostAsync(path, json == null ? null : new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
