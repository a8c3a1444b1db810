using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// Which provider of a capacity provider strategy a new task lands on. ECS places the base first and
/// then by weight; the simulator takes the provider with a base, else the heaviest one, so one
/// strategy always gives the same answer.
/// </summary>
public static class CapacityProviders
{
    public static string? Choose(JsonNode? strategy)
    {
        var items = (strategy as JsonArray)?.OfType<JsonObject>()
            .Select(o => (Name: o["capacityProvider"]?.GetValue<string>(), Base: o["base"]?.GetValue<int>() ?? 0, Weight: o["weight"]?.GetValue<int>() ?? 0))
            .Where(i => i.Name != null)
            .ToList();
        if (items == null || items.Count == 0) return null;
        var withBase = items.FirstOrDefault(i => i.Base > 0);
        return withBase.Name ?? items.OrderByDescending(i => i.Weight).First().Name;
    }
}
