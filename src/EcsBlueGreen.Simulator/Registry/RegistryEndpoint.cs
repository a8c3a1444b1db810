using System.Text;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Faults;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Registry;

/// <summary>
/// /v2/...: the ECR registry. Basic auth with user AWS and a password from GetAuthorizationToken
/// (valid 12 simulated hours); counts each call as <c>Registry.&lt;Action&gt;</c>; faults apply.
/// </summary>
public sealed class RegistryEndpoint(Simulation simulation)
{
    public async Task Handle(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/v2";
        var route = RegistryRoute.Parse(http.Request.Method, path.Length > 3 ? path[3..] : "");
        var mounting = route.Action == RegistryAction.BlobUpload && http.Request.Query.ContainsKey("mount");
        var key = "Registry." + (mounting ? "BlobMount" : route.Action.ToString());
        simulation.Requests.Count(key);
        http.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        try
        {
            var proceed = await AwsEndpoint.ApplyFaults(simulation, http, key, kind => kind switch
            {
                FaultKind.Throttle => new AwsException("TOOMANYREQUESTS", "Rate exceeded", 429),
                FaultKind.ServerError500 => new AwsException("UNKNOWN", "internal error", 500),
                _ => new AwsException("UNAVAILABLE", "service unavailable", 503),
            });
            if (!proceed) return;
            var world = Authenticate(http);
            if (route.Action == RegistryAction.Unknown) throw new RegistryException(404, "NAME_UNKNOWN", "Unknown registry path.");
            var body = await AwsEndpoint.ReadBody(http.Request);
            RegistryResponse response;
            lock (simulation.Gate)
                response = RegistryOperations.Run(world, route, http.Request, body);
            http.Response.StatusCode = response.Status;
            foreach (var (k, v) in response.Headers) http.Response.Headers[k] = v;
            if (response.ContentType != null) http.Response.ContentType = response.ContentType;
            http.Response.ContentLength = response.Body.Length;
            if (!HttpMethods.IsHead(http.Request.Method) && response.Body.Length > 0) await http.Response.Body.WriteAsync(response.Body);
        }
        catch (RegistryException e)
        {
            await WriteError(http, e.Status, e.Code, e.Message);
        }
        catch (AwsException e)
        {
            await WriteError(http, e.Status, e.Code, e.Message);
        }
    }

    /// <summary>
    /// The world of the region whose GetAuthorizationToken issued the password: every region's
    /// registry shares the simulator's one address, so the token tells which registry is meant.
    /// </summary>
    private Engine.World Authenticate(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
            catch (FormatException) { decoded = ""; }
            var colon = decoded.IndexOf(':');
            if (colon > 0 && decoded[..colon] == "AWS")
            {
                var password = decoded[(colon + 1)..];
                lock (simulation.Gate)
                    foreach (var world in simulation.Worlds)
                        if (world.Ecr.Passwords.TryGetValue(password, out var expires) && world.Now < expires) return world;
            }
        }
        http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{http.Request.Scheme}://{http.Request.Host}/\",service=\"ecr.amazonaws.com\"";
        throw new RegistryException(401, "DENIED", "Your authorization token has expired or is invalid. Reauthenticate and try again.");
    }

    private static async Task WriteError(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) };
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.WriteAsync(body.ToJsonString());
    }
}
