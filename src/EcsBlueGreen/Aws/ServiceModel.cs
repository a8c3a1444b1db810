using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// A botocore service-2 JSON model (the tests' copies are in tests/aws-models), read just far enough to answer "which members
    /// does this shape have". Used by TaskDefinitionClone when a model is at hand and by the contract tests.
    /// </summary>
    public sealed class ServiceModel
    {
        private readonly JsonObject _root;

        public ServiceModel(JsonObject root)
        {
            _root = root;
        }

        public static ServiceModel Load(string path) =>
            new ServiceModel(JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                             ?? throw new InvalidDataException(path + " is not a JSON object."));

        public JsonObject Metadata => _root["metadata"] as JsonObject ?? new JsonObject();

        public JsonObject Shapes => _root["shapes"] as JsonObject ?? new JsonObject();

        public JsonObject Operations => _root["operations"] as JsonObject ?? new JsonObject();

        public JsonObject Shape(string name) =>
            Shapes[name] as JsonObject ?? throw new KeyNotFoundException("The model has no shape " + name + ".");

        public string? InputShapeName(string operation) => (string?)Operation(operation)["input"]?["shape"];

        public string? OutputShapeName(string operation) => (string?)Operation(operation)["output"]?["shape"];

        /// <summary>Member names of a structure shape, in model order.</summary>
        public IReadOnlyList<string> MemberNames(string shapeName) =>
            (Shape(shapeName)["members"] as JsonObject)?.Select(m => m.Key).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>The shape a member of a structure refers to.</summary>
        public string MemberShape(string structureName, string memberName) =>
            (string?)Shape(structureName)["members"]?[memberName]?["shape"]
            ?? throw new KeyNotFoundException($"{structureName} has no member {memberName}.");

        private JsonObject Operation(string name) =>
            Operations[name] as JsonObject ?? throw new KeyNotFoundException("The model has no operation " + name + ".");
    }
}
