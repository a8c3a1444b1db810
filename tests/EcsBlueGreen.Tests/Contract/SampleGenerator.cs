using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Tests.Contract
{
    /// <summary>
    /// Builds model-valid values that set every member of a shape (down to a depth limit for recursive
    /// shapes): the fullest answer a service could give, so parsers prove they tolerate members they ignore.
    /// </summary>
    public sealed class SampleGenerator
    {
        private const int MaxDepth = 8;
        private readonly ServiceModel _model;
        private readonly ISet<string> _skipMembers;
        private readonly IReadOnlyDictionary<string, string> _overrides;

        /// <param name="skipMembers">Members never set (pagination tokens, so listing stops).</param>
        /// <param name="overrides">Member name → string value, where a sample string would not do.</param>
        public SampleGenerator(ServiceModel model, ISet<string>? skipMembers = null, IReadOnlyDictionary<string, string>? overrides = null)
        {
            _model = model;
            _skipMembers = skipMembers ?? new HashSet<string> { "nextToken", "NextMarker" };
            _overrides = overrides ?? new Dictionary<string, string>();
        }

        public JsonNode? Json(string shapeName) => Json(shapeName, "value", 0);

        private JsonNode? Json(string shapeName, string memberName, int depth)
        {
            var shape = _model.Shape(shapeName);
            switch ((string)shape["type"]!)
            {
                case "structure":
                    var obj = new JsonObject();
                    var required = new HashSet<string>((shape["required"] as JsonArray ?? new JsonArray()).Select(r => (string)r!));
                    foreach (var member in shape["members"] as JsonObject ?? new JsonObject())
                    {
                        if (_skipMembers.Contains(member.Key)) continue;
                        if (depth >= MaxDepth && !required.Contains(member.Key)) continue;
                        var node = Json((string)member.Value!["shape"]!, member.Key, depth + 1);
                        if (node != null) obj[member.Key] = node;
                    }

                    return obj;
                case "list":
                    if (depth >= MaxDepth) return new JsonArray();
                    return new JsonArray(Json((string)shape["member"]!["shape"]!, memberName, depth + 1));
                case "map":
                    if (depth >= MaxDepth) return new JsonObject();
                    return new JsonObject { ["sample-key"] = Json((string)shape["value"]!["shape"]!, memberName, depth + 1) };
                case "string":
                    if (_overrides.TryGetValue(memberName, out var overridden)) return overridden;
                    return shape["enum"] is JsonArray values ? (string)values[0]! : "sample-" + memberName;
                case "blob":
                    return Convert.ToBase64String(new byte[] { 1, 2, 3 });
                case "boolean":
                    return true;
                case "integer":
                case "long":
                    return Math.Max(1, (int?)shape["min"] ?? 1);
                case "double":
                case "float":
                    return 1.5;
                case "timestamp":
                    return 1733318615.211;
                default:
                    throw new NotSupportedException((string)shape["type"]!);
            }
        }

        /// <summary>awsQuery response document: &lt;OpResponse&gt;&lt;OpResult&gt;…&lt;/OpResult&gt;&lt;ResponseMetadata/&gt;&lt;/OpResponse&gt;.</summary>
        public XDocument QueryResponse(string operation, string outputShape, string xmlNamespace)
        {
            XNamespace ns = xmlNamespace;
            var result = new XElement(ns + operation + "Result");
            FillXml(result, outputShape, ns, 0);
            return new XDocument(new XElement(ns + operation + "Response", result,
                new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", "sample-request-id"))));
        }

        private void FillXml(XElement target, string shapeName, XNamespace ns, int depth)
        {
            var shape = _model.Shape(shapeName);
            switch ((string)shape["type"]!)
            {
                case "structure":
                    foreach (var member in shape["members"] as JsonObject ?? new JsonObject())
                    {
                        if (_skipMembers.Contains(member.Key) || depth >= MaxDepth) continue;
                        var child = new XElement(ns + ((string?)member.Value!["locationName"] ?? member.Key));
                        FillXml(child, (string)member.Value!["shape"]!, ns, depth + 1);
                        target.Add(child);
                    }

                    break;
                case "list":
                    if (depth >= MaxDepth) break;
                    var item = new XElement(ns + "member");
                    FillXml(item, (string)shape["member"]!["shape"]!, ns, depth + 1);
                    target.Add(item);
                    break;
                case "map":
                    if (depth >= MaxDepth) break;
                    var value = new XElement(ns + "value");
                    FillXml(value, (string)shape["value"]!["shape"]!, ns, depth + 1);
                    target.Add(new XElement(ns + "entry", new XElement(ns + "key", "sample-key"), value));
                    break;
                case "string":
                    target.Value = _overrides.TryGetValue(target.Name.LocalName, out var overridden) ? overridden
                        : shape["enum"] is JsonArray values ? (string)values[0]! : "sample-" + target.Name.LocalName;
                    break;
                case "boolean":
                    target.Value = "true";
                    break;
                case "integer":
                case "long":
                    target.Value = Math.Max(1, (int?)shape["min"] ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "double":
                case "float":
                    target.Value = "1.5";
                    break;
                case "timestamp":
                    target.Value = "2024-12-04T13:23:35.211Z";
                    break;
                case "blob":
                    target.Value = Convert.ToBase64String(new byte[] { 1, 2, 3 });
                    break;
            }
        }
    }
}
