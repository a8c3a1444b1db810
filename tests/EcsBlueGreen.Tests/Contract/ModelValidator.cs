using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Tests.Contract
{
    /// <summary>
    /// Checks a JSON value against a botocore shape the way the service would: structures have only known
    /// members and all required ones; lists, maps, enums and scalar types match; timestamps are epoch numbers
    /// (awsJson). Returns every problem with its path, empty when valid.
    /// </summary>
    public sealed class ModelValidator
    {
        private readonly ServiceModel _model;

        public ModelValidator(ServiceModel model)
        {
            _model = model;
        }

        public IReadOnlyList<string> Validate(JsonNode? value, string shapeName)
        {
            var errors = new List<string>();
            Check(value, shapeName, "$", errors);
            return errors;
        }

        private void Check(JsonNode? value, string shapeName, string path, List<string> errors)
        {
            var shape = _model.Shape(shapeName);
            var type = (string)shape["type"]!;
            if (value == null)
            {
                errors.Add($"{path}: null is not a {type} ({shapeName})");
                return;
            }

            switch (type)
            {
                case "structure":
                    if (!(value is JsonObject obj)) { errors.Add($"{path}: expected object ({shapeName})"); return; }
                    var members = shape["members"] as JsonObject ?? new JsonObject();
                    foreach (var required in (shape["required"] as JsonArray ?? new JsonArray()).Select(r => (string)r!))
                    {
                        if (!obj.ContainsKey(required)) errors.Add($"{path}: required member '{required}' missing ({shapeName})");
                    }

                    foreach (var member in obj)
                    {
                        if (!members.ContainsKey(member.Key)) { errors.Add($"{path}: unknown member '{member.Key}' ({shapeName})"); continue; }
                        Check(member.Value, (string)members[member.Key]!["shape"]!, path + "." + member.Key, errors);
                    }

                    break;
                case "list":
                    if (!(value is JsonArray array)) { errors.Add($"{path}: expected array ({shapeName})"); return; }
                    var itemShape = (string)shape["member"]!["shape"]!;
                    for (var i = 0; i < array.Count; i++) Check(array[i], itemShape, $"{path}[{i}]", errors);
                    break;
                case "map":
                    if (!(value is JsonObject map)) { errors.Add($"{path}: expected map object ({shapeName})"); return; }
                    var valueShape = (string)shape["value"]!["shape"]!;
                    foreach (var entry in map) Check(entry.Value, valueShape, $"{path}[{entry.Key}]", errors);
                    break;
                case "string":
                case "blob":
                    if (!IsKind(value, JsonValueKind.String)) { errors.Add($"{path}: expected string ({shapeName})"); return; }
                    if (shape["enum"] is JsonArray values && !values.Select(v => (string)v!).Contains((string)value!))
                        errors.Add($"{path}: '{value}' is not one of {shapeName}'s enum values");
                    break;
                case "boolean":
                    if (!IsKind(value, JsonValueKind.True) && !IsKind(value, JsonValueKind.False)) errors.Add($"{path}: expected boolean ({shapeName})");
                    break;
                case "integer":
                case "long":
                    if (!IsKind(value, JsonValueKind.Number) || !IsIntegral(value)) errors.Add($"{path}: expected integer ({shapeName})");
                    break;
                case "double":
                case "float":
                    if (!IsKind(value, JsonValueKind.Number)) errors.Add($"{path}: expected number ({shapeName})");
                    break;
                case "timestamp":
                    if (!IsKind(value, JsonValueKind.Number)) errors.Add($"{path}: expected epoch-seconds number for timestamp ({shapeName})");
                    break;
                default:
                    errors.Add($"{path}: unsupported shape type {type}");
                    break;
            }
        }

        private static bool IsKind(JsonNode node, JsonValueKind kind) => node is JsonValue && node.GetValueKind() == kind;

        private static bool IsIntegral(JsonNode node) =>
            double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == System.Math.Floor(d);
    }
}
