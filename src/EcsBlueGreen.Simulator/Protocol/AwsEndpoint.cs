using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Faults;

namespace EcsBlueGreen.Simulator.Protocol;

/// <summary>
/// POST / : awsJson 1.1 (ECS, ECR, routed by X-Amz-Target) and awsQuery (ELBv2, form-encoded Action).
/// Order per call: count it, verify the signature, apply faults and rate limits, run the operation
/// under the world gate, write the answer or the error in the protocol's form.
/// </summary>
public sealed class AwsEndpoint
{
    private sealed record JsonService(string Name, string SigningName, IReadOnlyDictionary<string, JsonOperation> Operations);

    private readonly Simulation simulation;
    private readonly Dictionary<string, JsonService> jsonServices;

    public AwsEndpoint(Simulation simulation)
    {
        this.simulation = simulation;
        jsonServices = new Dictionary<string, JsonService>(StringComparer.Ordinal)
        {
            [Ecs.EcsOperations.TargetPrefix] = new("ECS", "ecs", Ecs.EcsOperations.All),
            [Ecr.EcrOperations.TargetPrefix] = new("ECR", "ecr", Ecr.EcrOperations.All),
        };
    }

    public async Task Handle(HttpContext http)
    {
        simulation.Connections.CarriedAwsCall(http.Connection.Id);
        // AWS dates every answer on the clock of its timestamps: the simulated one here, which runs
        // ahead of the wall clock (time scale), so clients measure elapsed AWS time as they would on AWS.
        http.Response.OnStarting(() =>
        {
            DateTimeOffset now;
            lock (simulation.Gate) now = simulation.World.Now;
            http.Response.Headers.Date = now.UtcDateTime.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        var body = await ReadBody(http.Request);
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0) await HandleJson(http, body, target);
        else await QueryEndpoint.Handle(simulation, http, body);
    }

    private async Task HandleJson(HttpContext http, byte[] body, string target)
    {
        var requestId = Guid.NewGuid().ToString();
        var dot = target.LastIndexOf('.');
        var prefix = dot < 0 ? target : target[..dot];
        var operation = dot < 0 ? "" : target[(dot + 1)..];
        if (!jsonServices.TryGetValue(prefix, out var service))
        {
            await WriteJsonError(http, requestId, new AwsException("UnknownOperationException", $"Unknown target {target}"));
            return;
        }
        var key = $"{service.Name}.{operation}";
        simulation.Requests.Count(key);
        var logged = BeginLog(simulation, http, service.Name, operation, body);
        int? status = null;
        try
        {
            var identity = simulation.Verifier.Verify(http.Request, body, service.SigningName);
            var (proceed, late) = await ApplyFaults(simulation, http, key, JsonFault, allowLate: true);
            if (!proceed) return;
            if (!service.Operations.TryGetValue(operation, out var handler))
                throw new AwsException("UnknownOperationException", $"Operation {operation} is not supported by the simulator.");
            if (service.Name == "ECS" && Ecs.EcsOperations.ServiceDeploymentsApi.Contains(operation))
            {
                switch (simulation.ServiceDeploymentsApi)
                {
                    case ServiceDeploymentsApiMode.Denied:
                        throw new AwsException("AccessDeniedException",
                            $"User: {simulation.World.CallerArn} is not authorized to perform: ecs:{operation} because no identity-based policy allows the ecs:{operation} action");
                    case ServiceDeploymentsApiMode.UnknownOperation:
                        throw new AwsException("UnknownOperationException", $"Operation {operation} is not known in this region.");
                    case ServiceDeploymentsApiMode.HtmlServerError:
                        status = 500;
                        await WriteHtmlServerError(http);
                        return;
                }
            }
            var input = ParseJson(body);
            JsonObject output;
            lock (simulation.Gate)
            {
                var world = simulation.WorldFor(identity.Region);
                logged.Time = world.Now;
                output = handler(new OperationContext(simulation, world, identity, http.Request, requestId), input);
            }
            if (late == FaultKind.Drop)
            {
                http.Abort();
                return;
            }
            if (late != FaultKind.None) throw JsonFault(late);
            status = 200;
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/x-amz-json-1.1";
            http.Response.Headers["x-amzn-RequestId"] = requestId;
            await http.Response.WriteAsync(output.ToJsonString());
        }
        catch (AwsException e)
        {
            status = e.Status;
            await WriteJsonError(http, requestId, e);
        }
        finally
        {
            // A dropped connection has no status.
            simulation.RequestLog.Complete(logged, status);
        }
    }

    /// <summary>A log entry for an AWS call just received, timed now; a call that runs is timed again as it runs.</summary>
    internal static Control.RequestLogEntry BeginLog(Simulation simulation, HttpContext http, string service, string operation, byte[] body)
    {
        DateTimeOffset now;
        lock (simulation.Gate) now = simulation.World.Now;
        return simulation.RequestLog.Begin(service, operation, SigV4Verifier.ScopeRegion(http.Request), body, now, SigV4Verifier.ScopeAccessKey(http.Request));
    }

    /// <summary>Returns false when the connection was dropped; throws the fault's AWS error.</summary>
    internal static async Task<bool> ApplyFaults(Simulation simulation, HttpContext http, string key, Func<FaultKind, AwsException> error) =>
        (await ApplyFaults(simulation, http, key, error, allowLate: false)).Proceed;

    /// <summary>Proceed false when the connection was dropped; throws a fault's AWS error that comes before
    /// the call runs. With allowLate, a fault drawn to come after the call ran is returned as Late instead:
    /// the caller runs the call, then answers with it.</summary>
    internal static async Task<(bool Proceed, FaultKind Late)> ApplyFaults(Simulation simulation, HttpContext http, string key,
        Func<FaultKind, AwsException> error, bool allowLate)
    {
        var (kind, latency, afterEffect) = simulation.Faults.Decide(key);
        if (latency > 0) await Task.Delay(latency);
        if (allowLate && afterEffect)
        {
            if (simulation.EnforceRateLimits && !simulation.RateLimits.TryAcquire(key)) throw error(FaultKind.Throttle);
            return (true, kind);
        }
        if (kind == FaultKind.Drop)
        {
            http.Abort();
            return (false, FaultKind.None);
        }
        if (kind != FaultKind.None) throw error(kind);
        if (simulation.EnforceRateLimits && !simulation.RateLimits.TryAcquire(key)) throw error(FaultKind.Throttle);
        return (true, FaultKind.None);
    }

    private static AwsException JsonFault(FaultKind kind) => kind switch
    {
        FaultKind.Throttle => AwsException.Throttling(),
        FaultKind.ServerError500 => new AwsException("ServerException", "Service encountered an internal error.", 500, senderFault: false),
        _ => new AwsException("ServiceUnavailableException", "Service is unavailable.", 503, senderFault: false),
    };

    internal static async Task<byte[]> ReadBody(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static JsonObject ParseJson(byte[] body)
    {
        if (body.Length == 0) return new JsonObject();
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new AwsException("SerializationException", "Request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new AwsException("SerializationException", "Start of structure or map found where not expected.");
        }
    }

    // What a proxy or load balancer in front of the service answers when the service behind it fails:
    // not the protocol's error document at all.
    private static async Task WriteHtmlServerError(HttpContext http)
    {
        http.Response.StatusCode = 500;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n" +
            "<body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p>" +
            "<hr><address>simulated front end</address></body></html>\n", Encoding.UTF8);
    }

    private static async Task WriteJsonError(HttpContext http, string requestId, AwsException e)
    {
        http.Response.StatusCode = e.Status;
        http.Response.ContentType = "application/x-amz-json-1.1";
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        http.Response.Headers["x-amzn-ErrorType"] = e.Code;
        await http.Response.WriteAsync(new JsonObject { ["__type"] = e.Code, ["message"] = e.Message }.ToJsonString(), Encoding.UTF8);
    }
}
