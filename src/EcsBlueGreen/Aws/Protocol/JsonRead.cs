using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsBlueGreen.Aws.Protocol
{
    /// <summary>
    /// Tolerant readers for awsJson output: a missing or differently typed member reads as null instead of
    /// throwing, because AWS adds members and a read model must not break on what it does not use.
    /// </summary>
    internal static class JsonRead
    {
        public static string? Str(JsonObject? obj, string name) =>
            obj != null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

        public static int? Int(JsonObject? obj, string name)
        {
            if (obj == null || !obj.TryGetPropertyValue(name, out var node) || !(node is JsonValue value))
            {
                return null;
            }

            if (value.TryGetValue<int>(out var i)) return i;
            if (value.TryGetValue<long>(out var l) && l >= int.MinValue && l <= int.MaxValue) return (int)l;
            if (value.TryGetValue<double>(out var d)) return (int)d;
            return null;
        }

        public static long? Long(JsonObject? obj, string name)
        {
            if (obj == null || !obj.TryGetPropertyValue(name, out var node) || !(node is JsonValue value))
            {
                return null;
            }

            if (value.TryGetValue<long>(out var l)) return l;
            if (value.TryGetValue<double>(out var d)) return (long)d;
            return null;
        }

        public static double? Double(JsonObject? obj, string name)
        {
            if (obj == null || !obj.TryGetPropertyValue(name, out var node) || !(node is JsonValue value))
            {
                return null;
            }

            if (value.TryGetValue<double>(out var d)) return d;
            if (value.TryGetValue<long>(out var l)) return l;
            return null;
        }

        public static bool? Bool(JsonObject? obj, string name) =>
            obj != null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<bool>(out var b) ? b : (bool?)null;

        /// <summary>awsJson timestamps are epoch seconds (possibly fractional); ISO strings are accepted too.</summary>
        public static DateTimeOffset? Time(JsonObject? obj, string name)
        {
            if (obj == null || !obj.TryGetPropertyValue(name, out var node) || !(node is JsonValue value))
            {
                return null;
            }

            if (value.TryGetValue<double>(out var seconds))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            }

            if (value.TryGetValue<string>(out var text) &&
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed;
            }

            return null;
        }

        public static JsonObject? Obj(JsonObject? obj, string name) =>
            obj != null && obj.TryGetPropertyValue(name, out var node) ? node as JsonObject : null;

        public static IEnumerable<JsonObject> Objects(JsonObject? obj, string name) =>
            obj != null && obj.TryGetPropertyValue(name, out var node) && node is JsonArray array
                ? array.OfType<JsonObject>()
                : Enumerable.Empty<JsonObject>();

        public static IReadOnlyList<string> Strings(JsonObject? obj, string name) =>
            obj != null && obj.TryGetPropertyValue(name, out var node) && node is JsonArray array
                ? array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).Where(s => s != null).Select(s => s!).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>Epoch seconds as awsJson sends timestamps.</summary>
        public static double EpochSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

        public static JsonArray ToArray(IEnumerable<string> values) =>
            new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
    }
}
