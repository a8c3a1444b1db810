using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Control;

/// <summary>
/// The control surface of native deployments: CloudWatch alarm states (what deploymentConfiguration.alarms
/// watches) and the stage timeline of each service's native deployments.
/// </summary>
public static class NativeControlEndpoints
{
    private static readonly HashSet<string> AlarmStates = new(StringComparer.Ordinal) { "OK", "ALARM", "INSUFFICIENT_DATA" };

    public static void Map(WebApplication app, Simulation sim)
    {
        app.MapGet("/_simulator/alarms", (HttpRequest r) =>
        {
            lock (sim.Gate)
            {
                var world = WorldOf(sim, r);
                var alarms = new JsonObject();
                foreach (var (name, state) in world.Alarms.OrderBy(a => a.Key, StringComparer.Ordinal)) alarms[name] = state;
                return Json(new JsonObject { ["alarms"] = alarms });
            }
        });
        app.MapPost("/_simulator/alarms/{name}", (string name, HttpRequest r) =>
        {
            var state = r.Query["state"].ToString();
            if (!AlarmStates.Contains(state))
                return Results.BadRequest(new JsonObject { ["message"] = "state must be OK, ALARM or INSUFFICIENT_DATA" }.ToJsonString());
            lock (sim.Gate) WorldOf(sim, r).Alarms[name] = state;
            return Json(new JsonObject { ["name"] = name, ["state"] = state });
        });
        app.MapGet("/_simulator/stages/{cluster}/{service}", (string cluster, string service, HttpRequest r) =>
        {
            lock (sim.Gate)
            {
                var world = WorldOf(sim, r);
                if (!world.Clusters.TryGetValue(cluster, out var c) || c.Services.LastOrDefault(s => s.Name == service) is not { } svc)
                    return Results.NotFound(new JsonObject { ["message"] = $"no service {cluster}/{service}" }.ToJsonString());
                var deployments = new JsonArray();
                foreach (var d in svc.Deployments.Where(d => d.Native != null))
                {
                    deployments.Add(new JsonObject
                    {
                        ["deploymentId"] = d.Id,
                        ["serviceDeploymentArn"] = d.ServiceDeployment?.Arn,
                        ["strategy"] = d.Native!.Strategy,
                        ["stages"] = new JsonArray(d.Native.Timeline.Select(t => (JsonNode)new JsonObject
                        {
                            ["stage"] = t.Stage,
                            ["at"] = SimClock.ToIso(t.EnteredAt),
                        }).ToArray()),
                    });
                }
                return Json(new JsonObject { ["deployments"] = deployments });
            }
        });
    }

    /// <summary>The home region's world unless <c>?region=</c> names another. The caller holds the gate.</summary>
    private static World WorldOf(Simulation sim, HttpRequest r) =>
        r.Query["region"].ToString() is { Length: > 0 } region ? sim.WorldFor(region) : sim.World;

    private static IResult Json(JsonObject o) => Results.Content(o.ToJsonString(), "application/json");
}
