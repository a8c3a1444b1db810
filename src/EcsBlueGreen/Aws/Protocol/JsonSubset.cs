using System.Linq;
using System.Text.Json.Nodes;

namespace EcsBlueGreen.Aws.Protocol
{
    /// <summary>
    /// "Everything we sent is in what the service holds": objects compare member by member (the service may
    /// add defaults), arrays element by element, values exactly. Used to recognise a write that took effect.
    /// </summary>
    internal static class JsonSubset
    {
        public static bool IsContainedIn(JsonNode? expected, JsonNode? actual)
        {
            switch (expected)
            {
                case null:
                    return actual == null;
                case JsonObject expectedObject:
                    return actual is JsonObject actualObject &&
                           expectedObject.All(member => actualObject.TryGetPropertyValue(member.Key, out var value) &&
                                                        IsContainedIn(member.Value, value));
                case JsonArray expectedArray:
                    return actual is JsonArray actualArray && expectedArray.Count == actualArray.Count &&
                           expectedArray.Select((item, index) => IsContainedIn(item, actualArray[index])).All(x => x);
                default:
                    return actual is JsonValue && JsonNode.DeepEquals(expected, actual);
            }
        }
    }
}
