using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace EcsBlueGreen.HelpBuilder
{
    /// <summary>
    /// Writes the MAML that Get-Help reads for binary cmdlets (the layout platyPS produces): the
    /// text from the markdown, everything about parameters from the assembly.
    /// </summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static XDocument Write(IEnumerable<(CmdletInfo Cmdlet, CmdletDoc Doc)> commands)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
            foreach (var (cmdlet, doc) in commands)
            {
                root.Add(CommandElement(cmdlet, doc));
            }

            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        private static XElement CommandElement(CmdletInfo cmdlet, CmdletDoc doc)
        {
            var visible = cmdlet.Parameters.Where(p => !p.DontShow).ToList();
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", cmdlet.Name),
                    new XElement(Command + "verb", cmdlet.Verb),
                    new XElement(Command + "noun", cmdlet.Noun),
                    Description(doc.Synopsis)),
                Description(doc.Description),
                new XElement(Command + "syntax",
                    cmdlet.ParameterSets.Select(set => new XElement(Command + "syntaxItem",
                        new XElement(Maml + "name", cmdlet.Name),
                        SyntaxOrder(visible.Where(p => p.InSet(set)), set).Select(p => SyntaxParameter(p, set))))),
                new XElement(Command + "parameters",
                    visible.Select(p => Parameter(p, doc.Parameter(p.Name)!))),
                new XElement(Command + "inputTypes",
                    doc.Inputs.Select(t => new XElement(Command + "inputType", TypeElement(t.TypeName), Description(t.Description)))),
                new XElement(Command + "returnValues",
                    doc.Outputs.Select(t => new XElement(Command + "returnValue", TypeElement(t.TypeName), Description(t.Description)))),
                new XElement(Maml + "alertSet",
                    new XElement(Maml + "alert", doc.Notes.Select(Para))),
                new XElement(Command + "examples",
                    doc.Examples.Select((e, i) => new XElement(Command + "example",
                        new XElement(Maml + "title", $"---------- Example {i + 1}: {StripExampleNumber(e.Title)} ----------"),
                        new XElement(Dev + "code", e.Code ?? ""),
                        new XElement(Dev + "remarks", e.Remarks.Select(Para))))),
                new XElement(Maml + "relatedLinks",
                    doc.RelatedLinks.Select(l => new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", l.Text),
                        new XElement(Maml + "uri", l.Uri)))));
        }

        // Positional parameters by position, then mandatory named ones, then the rest; WhatIf/Confirm last.
        private static IEnumerable<ParameterInfo> SyntaxOrder(IEnumerable<ParameterInfo> parameters, string set) =>
            parameters
                .Select((p, i) => (p, i))
                .OrderBy(x => x.p.IsShouldProcess)
                .ThenBy(x => x.p.For(set).Position ?? int.MaxValue)
                .ThenBy(x => x.p.For(set).Mandatory ? 0 : 1)
                .ThenBy(x => x.i)
                .Select(x => x.p);

        private static XElement SyntaxParameter(ParameterInfo parameter, string set)
        {
            var info = parameter.For(set);
            var element = new XElement(Command + "parameter",
                ParameterAttributes(parameter, info.Mandatory, info.Position, PipelineInput(new[] { info })),
                new XElement(Maml + "name", parameter.Name));
            if (!parameter.IsSwitch)
            {
                if (parameter.AllowedValues.Count > 0)
                {
                    element.Add(new XElement(Command + "parameterValueGroup",
                        parameter.AllowedValues.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v))));
                }

                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), parameter.TypeDisplay));
            }

            element.Add(TypeElement(parameter.TypeFullName));
            return element;
        }

        private static XElement Parameter(ParameterInfo parameter, ParameterDoc doc)
        {
            // One entry per parameter: required only when mandatory in every set it is in; a position
            // only when it is the same in all of them.
            var mandatory = parameter.Sets.All(s => s.Mandatory);
            var positions = parameter.Sets.Select(s => s.Position).Distinct().ToList();
            var position = positions.Count == 1 ? positions[0] : null;
            return new XElement(Command + "parameter",
                ParameterAttributes(parameter, mandatory, position, PipelineInput(parameter.Sets)),
                new XElement(Maml + "name", parameter.Name),
                Description(doc.Description),
                new XElement(Command + "parameterValue", new XAttribute("required", parameter.IsSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), parameter.TypeDisplay),
                TypeElement(parameter.TypeFullName),
                new XElement(Dev + "defaultValue", doc.DefaultValue ?? (parameter.IsSwitch ? "False" : "None")));
        }

        private static IEnumerable<XAttribute> ParameterAttributes(ParameterInfo parameter, bool required, int? position, string pipelineInput)
        {
            yield return new XAttribute("required", required ? "true" : "false");
            yield return new XAttribute("variableLength", parameter.TypeDisplay.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false");
            yield return new XAttribute("globbing", parameter.SupportsWildcards ? "true" : "false");
            yield return new XAttribute("pipelineInput", pipelineInput);
            yield return new XAttribute("position", position.HasValue ? position.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named");
            yield return new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
        }

        private static string PipelineInput(IEnumerable<ParameterSetInfo> sets)
        {
            var list = sets.ToList();
            var kinds = new List<string>();
            if (list.Any(s => s.ByValue))
            {
                kinds.Add("ByValue");
            }

            if (list.Any(s => s.ByPropertyName))
            {
                kinds.Add("ByPropertyName");
            }

            return kinds.Count == 0 ? "False" : $"True ({string.Join(", ", kinds)})";
        }

        private static XElement TypeElement(string name) =>
            new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

        private static XElement Description(IEnumerable<string> paragraphs) =>
            new XElement(Maml + "description", paragraphs.Select(Para));

        private static XElement Para(string text) => new XElement(Maml + "para", text);

        private static string StripExampleNumber(string title)
        {
            var match = System.Text.RegularExpressions.Regex.Match(title, "^Example\\s+\\d+\\s*[:.-]?\\s*(?<rest>.*)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return match.Success ? match.Groups["rest"].Value : title;
        }
    }
}
