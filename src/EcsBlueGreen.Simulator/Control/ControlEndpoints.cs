using System.Globalization;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Faults;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Control;

/// <summary>
/// /_simulator/...: not an AWS path and unsigned. Lets tests and benchmarks read the simulated
/// clock, count and log calls, inject faults, move time, reload a scenario and read the verdict log.
/// </summary>
public static class ControlEndpoints
{
    public static void Map(WebApplication app, Simulation sim)
    {
        app.MapGet("/_simulator/clock", () => Json(Clock(sim)));
        app.MapPost("/_simulator/advance", (HttpRequest r) =>
        {
            if (!double.TryParse(r.Query["seconds"], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                return Results.BadRequest(new JsonObject { ["message"] = "seconds must be a non-negative number" }.ToJsonString());
            sim.Advance(seconds);
            return Json(Clock(sim));
        });
        app.MapPost("/_simulator/time-scale", (HttpRequest r) =>
        {
            if (!double.TryParse(r.Query["value"], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale < 0)
                return Results.BadRequest(new JsonObject { ["message"] = "value must be a non-negative number" }.ToJsonString());
            sim.TimeScale = scale;
            return Json(Clock(sim));
        });
        app.MapGet("/_simulator/requests", () => Json(sim.Requests.ToJson()));
        app.MapGet("/_simulator/requests/log", () => Json(sim.RequestLog.ToJson()));
        app.MapGet("/_simulator/connections", () => Json(sim.Connections.ToJson()));
        app.MapPost("/_simulator/requests/reset", () =>
        {
            sim.Requests.Reset();
            sim.RequestLog.Reset();
            sim.Connections.Reset();
            return Json(sim.Requests.ToJson());
        });
        app.MapGet("/_simulator/faults", () => Json(sim.Faults.Settings.ToJson()));
        app.MapPost("/_simulator/faults", async (HttpRequest r) =>
        {
            try
            {
                var body = await JsonNode.ParseAsync(r.Body) as JsonObject ?? new JsonObject();
                sim.Faults.Settings = FaultSettings.FromJson(body);
                return Json(sim.Faults.Settings.ToJson());
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                return Results.BadRequest(new JsonObject { ["message"] = e.Message }.ToJsonString());
            }
        });
        app.MapPost("/_simulator/service-deployments-api", (HttpRequest r) =>
        {
            var mode = r.Query["mode"].ToString();
            if (mode.Length > 0)
            {
                if (!ServiceDeploymentsApiModes.TryParse(mode, out var parsed))
                    return Results.BadRequest(new JsonObject { ["message"] = $"mode must be one of {string.Join(", ", ServiceDeploymentsApiModes.Names)}" }.ToJsonString());
                sim.ServiceDeploymentsApi = parsed;
            }
            else
            {
                sim.ServiceDeploymentsApi = r.Query["enabled"] == "false" ? ServiceDeploymentsApiMode.Denied : ServiceDeploymentsApiMode.Available;
            }
            return Json(new JsonObject
            {
                ["enabled"] = sim.ServiceDeploymentsApi == ServiceDeploymentsApiMode.Available,
                ["mode"] = ServiceDeploymentsApiModes.Name(sim.ServiceDeploymentsApi),
            });
        });
        app.MapPost("/_simulator/credentials", async (HttpRequest r) =>
        {
            var body = await JsonNode.ParseAsync(r.Body) as JsonObject;
            var accessKey = body?["accessKeyId"]?.GetValue<string>();
            var secretKey = body?["secretAccessKey"]?.GetValue<string>();
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
                return Results.BadRequest(new JsonObject { ["message"] = "accessKeyId and secretAccessKey are required" }.ToJsonString());
            sim.Verifier.Accept(accessKey, secretKey);
            return Json(new JsonObject { ["accessKeyId"] = accessKey });
        });
        app.MapPost("/_simulator/rate-limits", (HttpRequest r) =>
        {
            var value = r.Query["enabled"].ToString();
            if (value != "true" && value != "false")
                return Results.BadRequest(new JsonObject { ["message"] = "enabled must be true or false" }.ToJsonString());
            sim.EnforceRateLimits = value == "true";
            return Json(new JsonObject { ["enabled"] = sim.EnforceRateLimits });
        });
        app.MapGet("/_simulator/rate-limits", () => Json(new JsonObject { ["enabled"] = sim.EnforceRateLimits }));
        app.MapPost("/_simulator/scenario/{name}", (string name) =>
        {
            try { sim.LoadScenario(name); }
            catch (ArgumentException e) { return Results.NotFound(new JsonObject { ["message"] = e.Message }.ToJsonString()); }
            return Json(Clock(sim));
        });
        app.MapGet("/_simulator/verdicts", () =>
        {
            lock (sim.Gate)
            {
                var all = new JsonArray();
                foreach (var world in sim.Worlds)
                    foreach (var verdict in world.Verdicts.ToJson().OfType<JsonObject>().ToList())
                    {
                        verdict["region"] = world.Region;
                        all.Add((JsonNode)verdict.DeepClone());
                    }
                return Json(new JsonObject { ["verdicts"] = all });
            }
        });
    }

    private static JsonObject Clock(Simulation sim)
    {
        lock (sim.Gate)
        {
            var now = sim.World.Now;
            return new JsonObject
            {
                ["now"] = SimClock.ToIso(now),
                ["epochSeconds"] = SimClock.ToEpochSeconds(now),
                ["timeScale"] = sim.TimeScale,
            };
        }
    }

    private static IResult Json(JsonObject o) => Results.Content(o.ToJsonString(), "application/json");
}
