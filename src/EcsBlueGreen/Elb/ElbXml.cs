using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace EcsBlueGreen.Elb
{
    /// <summary>Namespace-agnostic readers for awsQuery XML (lists are &lt;member&gt; elements).</summary>
    internal static class ElbXml
    {
        public static XElement? Child(XElement? parent, string name) =>
            parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        public static string? Str(XElement? parent, string name) => Child(parent, name)?.Value;

        public static int? Int(XElement? parent, string name) =>
            int.TryParse(Str(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;

        public static bool? Bool(XElement? parent, string name) =>
            bool.TryParse(Str(parent, name), out var b) ? b : (bool?)null;

        public static IEnumerable<XElement> Members(XElement? parent, string listName) =>
            Child(parent, listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? Enumerable.Empty<XElement>();

        public static IReadOnlyList<string> Strings(XElement? parent, string listName) =>
            Members(parent, listName).Select(m => m.Value).ToList();
    }
}
