using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Tests.Contract
{
    /// <summary>
    /// Checks an awsQuery form body against the input shape: every key path (Name, Name.member.N,
    /// Name.member.N.Field, Name.entry.N.key/value) must name real members, scalars must parse as their type,
    /// enums must match, required top-level members must be there.
    /// </summary>
    public sealed class QueryModelValidator
    {
        private readonly ServiceModel _model;

        public QueryModelValidator(ServiceModel model)
        {
            _model = model;
        }

        public IReadOnlyList<string> Validate(IReadOnlyList<KeyValuePair<string, string>> parameters, string inputShape)
        {
            var errors = new List<string>();
            foreach (var (key, value) in parameters.Where(p => p.Key != "Action" && p.Key != "Version").Select(p => (p.Key, p.Value)))
            {
                Walk(key.Split('.'), 0, inputShape, value, key, errors);
            }

            foreach (var required in (_model.Shape(inputShape)["required"] as JsonArray ?? new JsonArray()).Select(r => (string)r!))
            {
                if (!parameters.Any(p => p.Key == required || p.Key.StartsWith(required + ".", System.StringComparison.Ordinal)))
                    errors.Add($"required member '{required}' missing");
            }

            return errors;
        }

        private void Walk(string[] segments, int index, string shapeName, string value, string key, List<string> errors)
        {
            var shape = _model.Shape(shapeName);
            var type = (string)shape["type"]!;
            if (index == segments.Length)
            {
                CheckScalar(shape, shapeName, type, value, key, errors);
                return;
            }

            switch (type)
            {
                case "structure":
                    var members = shape["members"] as JsonObject ?? new JsonObject();
                    if (!members.ContainsKey(segments[index])) { errors.Add($"{key}: unknown member '{segments[index]}' of {shapeName}"); return; }
                    Walk(segments, index + 1, (string)members[segments[index]]!["shape"]!, value, key, errors);
                    return;
                case "list":
                    if (segments[index] != "member" || index + 1 >= segments.Length || !int.TryParse(segments[index + 1], out var n) || n < 1)
                    { errors.Add($"{key}: list {shapeName} needs .member.N (1-based)"); return; }
                    Walk(segments, index + 2, (string)shape["member"]!["shape"]!, value, key, errors);
                    return;
                case "map":
                    if (segments[index] != "entry" || index + 2 >= segments.Length) { errors.Add($"{key}: map {shapeName} needs .entry.N.key/value"); return; }
                    var part = segments[index + 2] == "key" ? "key" : "value";
                    Walk(segments, index + 3, (string)shape[part]!["shape"]!, value, key, errors);
                    return;
                default:
                    errors.Add($"{key}: scalar {shapeName} has no sub-members");
                    return;
            }
        }

        private static void CheckScalar(JsonObject shape, string shapeName, string type, string value, string key, List<string> errors)
        {
            switch (type)
            {
                case "string":
                    if (shape["enum"] is JsonArray values && !values.Select(v => (string)v!).Contains(value)) errors.Add($"{key}: '{value}' not in enum {shapeName}");
                    break;
                case "integer":
                case "long":
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) errors.Add($"{key}: '{value}' is not an integer");
                    break;
                case "boolean":
                    if (value != "true" && value != "false") errors.Add($"{key}: '{value}' is not true/false");
                    break;
                case "structure":
                case "list":
                case "map":
                    errors.Add($"{key}: {shapeName} is a {type}, not a value");
                    break;
            }
        }
    }
}
