using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace EcsBlueGreen.Simulator.Tests.Infrastructure;

/// <summary>
/// Walks a response against the official botocore model's output shape: every member known, types
/// right, enum values allowed, required members present. JSON for ECS/ECR, XML for ELBv2.
/// </summary>
public sealed class ModelValidator
{
    private static readonly ConcurrentDictionary<string, ModelValidator> Cache = new();
    private readonly JsonObject model;
    private readonly JsonObject shapes;

    private ModelValidator(string file)
    {
        model = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.AwsModels, file)))!;
        shapes = (JsonObject)model["shapes"]!;
    }

    public static ModelValidator Ecs => Cache.GetOrAdd("ecs", _ => new ModelValidator("ecs-2014-11-13.service-2.json"));
    public static ModelValidator Ecr => Cache.GetOrAdd("ecr", _ => new ModelValidator("ecr-2015-09-21.service-2.json"));
    public static ModelValidator Elb => Cache.GetOrAdd("elb", _ => new ModelValidator("elbv2-2015-12-01.service-2.json"));

    public string? OutputShape(string operation) => model["operations"]?[operation]?["output"]?["shape"]?.GetValue<string>();

    public IReadOnlyList<string> ErrorShapes(string operation) =>
        (model["operations"]?[operation]?["errors"] as JsonArray ?? new JsonArray()).Select(e => e!["shape"]!.GetValue<string>()).ToList();

    public bool HasOperation(string operation) => model["operations"]?[operation] != null;

    public List<string> ValidateJsonOutput(string operation, JsonNode? node)
    {
        var errors = new List<string>();
        var shape = OutputShape(operation);
        if (shape == null) { errors.Add($"operation {operation} has no output shape in the model"); return errors; }
        Json(node, shape, "$", errors);
        return errors;
    }

    private void Json(JsonNode? node, string shapeName, string path, List<string> errors)
    {
        var shape = (JsonObject)shapes[shapeName]!;
        var type = shape["type"]!.GetValue<string>();
        if (node == null) { errors.Add($"{path}: null for {shapeName}"); return; }
        switch (type)
        {
            case "structure":
                if (node is not JsonObject obj) { errors.Add($"{path}: expected object ({shapeName})"); return; }
                var members = (JsonObject)shape["members"]!;
                foreach (var (name, value) in obj)
                {
                    if (members[name] is not JsonObject member) { errors.Add($"{path}.{name}: not a member of {shapeName}"); continue; }
                    Json(value, member["shape"]!.GetValue<string>(), $"{path}.{name}", errors);
                }
                foreach (var required in (shape["required"] as JsonArray ?? new JsonArray()).Select(r => r!.GetValue<string>()))
                    if (!obj.ContainsKey(required)) errors.Add($"{path}: required member {required} of {shapeName} missing");
                break;
            case "list":
                if (node is not JsonArray arr) { errors.Add($"{path}: expected array ({shapeName})"); return; }
                for (var i = 0; i < arr.Count; i++) Json(arr[i], shape["member"]!["shape"]!.GetValue<string>(), $"{path}[{i}]", errors);
                break;
            case "map":
                if (node is not JsonObject map) { errors.Add($"{path}: expected map ({shapeName})"); return; }
                foreach (var (k, v) in map) Json(v, shape["value"]!["shape"]!.GetValue<string>(), $"{path}.{k}", errors);
                break;
            case "string" or "blob":
                if (node is not JsonValue sv || !sv.TryGetValue<string>(out var s)) { errors.Add($"{path}: expected string ({shapeName})"); return; }
                if (shape["enum"] is JsonArray values && values.All(v => v!.GetValue<string>() != s)) errors.Add($"{path}: '{s}' not in enum {shapeName}");
                break;
            case "integer" or "long":
                if (node is not JsonValue iv || !iv.TryGetValue<double>(out var d) || d != Math.Floor(d)) errors.Add($"{path}: expected integer ({shapeName})");
                break;
            case "double" or "float" or "timestamp":
                if (node is not JsonValue nv || !nv.TryGetValue<double>(out _)) errors.Add($"{path}: expected number ({shapeName})");
                break;
            case "boolean":
                if (node is not JsonValue bv || !bv.TryGetValue<bool>(out _)) errors.Add($"{path}: expected boolean ({shapeName})");
                break;
            default:
                errors.Add($"{path}: unhandled type {type}");
                break;
        }
    }

    /// <summary>Query protocol: <c>&lt;OpResponse&gt;&lt;OpResult&gt;</c> holds the output shape; lists are &lt;member&gt; elements.</summary>
    public List<string> ValidateXmlOutput(string operation, XDocument doc)
    {
        var errors = new List<string>();
        var root = doc.Root!;
        if (root.Name.LocalName != operation + "Response") errors.Add($"root is {root.Name.LocalName}");
        var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result");
        if (result == null) errors.Add("result wrapper missing");
        else Xml(result, OutputShape(operation)!, operation + "Result", errors);
        if (root.Elements().All(e => e.Name.LocalName != "ResponseMetadata")) errors.Add("ResponseMetadata missing");
        return errors;
    }

    private void Xml(XElement element, string shapeName, string path, List<string> errors)
    {
        var shape = (JsonObject)shapes[shapeName]!;
        var type = shape["type"]!.GetValue<string>();
        var text = element.Value;
        switch (type)
        {
            case "structure":
                var members = (JsonObject)shape["members"]!;
                foreach (var child in element.Elements())
                {
                    if (members[child.Name.LocalName] is not JsonObject member) { errors.Add($"{path}.{child.Name.LocalName}: not a member of {shapeName}"); continue; }
                    Xml(child, member["shape"]!.GetValue<string>(), $"{path}.{child.Name.LocalName}", errors);
                }
                break;
            case "list":
                foreach (var child in element.Elements())
                {
                    if (child.Name.LocalName != "member") errors.Add($"{path}: list item named {child.Name.LocalName}");
                    Xml(child, shape["member"]!["shape"]!.GetValue<string>(), path + ".member", errors);
                }
                break;
            case "string":
                if (element.HasElements) errors.Add($"{path}: expected text");
                if (shape["enum"] is JsonArray values && values.All(v => v!.GetValue<string>() != text)) errors.Add($"{path}: '{text}' not in enum {shapeName}");
                break;
            case "integer" or "long":
                if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) errors.Add($"{path}: '{text}' is not an integer");
                break;
            case "boolean":
                if (text is not ("true" or "false")) errors.Add($"{path}: '{text}' is not a boolean");
                break;
            case "timestamp":
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)) errors.Add($"{path}: '{text}' is not a timestamp");
                break;
            default:
                errors.Add($"{path}: unhandled type {type}");
                break;
        }
    }
}
