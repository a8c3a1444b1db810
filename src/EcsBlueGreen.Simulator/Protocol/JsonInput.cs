using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Protocol;

/// <summary>Reading awsJson input members, with ECS-style errors for wrong types.</summary>
public static class JsonInput
{
    public static string? Str(this JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw AwsException.InvalidParameter($"{name} must be a string."),
    };

    public static string RequiredStr(this JsonObject o, string name) =>
        o.Str(name) is { Length: > 0 } s ? s : throw AwsException.InvalidParameter($"{name} can not be blank.");

    public static int? Int(this JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) => (int)d,
        _ => throw AwsException.InvalidParameter($"{name} must be an integer."),
    };

    public static bool? Bool(this JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw AwsException.InvalidParameter($"{name} must be a boolean."),
    };

    public static IReadOnlyList<string> StrList(this JsonObject o, string name) => o[name] switch
    {
        null => Array.Empty<string>(),
        JsonArray a => a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw AwsException.InvalidParameter($"{name} must be a list of strings.")).ToList(),
        _ => throw AwsException.InvalidParameter($"{name} must be a list."),
    };

    public static JsonObject? Obj(this JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonObject x => x,
        _ => throw AwsException.InvalidParameter($"{name} must be an object."),
    };

    public static JsonArray? Arr(this JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonArray x => x,
        _ => throw AwsException.InvalidParameter($"{name} must be a list."),
    };

    /// <summary>Epoch seconds, the awsJson timestamp form.</summary>
    public static JsonNode Epoch(DateTimeOffset t) => JsonValue.Create(Engine.SimClock.ToEpochSeconds(t));

    public static JsonNode? Epoch(DateTimeOffset? t) => t is { } v ? Epoch(v) : null;

    /// <summary>Adds a member only when it has a value (awsJson omits unset members).</summary>
    public static JsonObject Put(this JsonObject o, string name, JsonNode? value)
    {
        if (value != null) o[name] = value;
        return o;
    }

    public static JsonObject Put(this JsonObject o, string name, string? value)
    {
        if (value != null) o[name] = value;
        return o;
    }
}
