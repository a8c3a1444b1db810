using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EcsBlueGreen.HelpBuilder
{
    /// <summary>The hand-written half of one cmdlet's help, as read from docs/cmdlets/Verb-Noun.md.</summary>
    internal sealed class CmdletDoc
    {
        public string Path { get; init; } = "";
        public string Name { get; set; } = "";
        public List<string> Synopsis { get; } = new();
        public List<string> Description { get; } = new();
        public List<ExampleDoc> Examples { get; } = new();
        /// <summary>By parameter name (case-insensitive), in document order.</summary>
        public List<ParameterDoc> Parameters { get; } = new();
        public List<TypeDoc> Inputs { get; } = new();
        public List<TypeDoc> Outputs { get; } = new();
        public List<string> Notes { get; } = new();
        public List<(string Text, string Uri)> RelatedLinks { get; } = new();
        public List<string> Errors { get; } = new();

        public ParameterDoc? Parameter(string name) =>
            Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    internal sealed class ExampleDoc
    {
        public string Title { get; set; } = "";
        public string? Code { get; set; }
        public List<string> Remarks { get; } = new();
    }

    internal sealed class ParameterDoc
    {
        public string Name { get; set; } = "";
        public List<string> Description { get; } = new();
        public string? DefaultValue { get; set; }
    }

    internal sealed class TypeDoc
    {
        public string TypeName { get; set; } = "";
        public List<string> Description { get; } = new();
    }

    /// <summary>
    /// Reads the layout described in docs/README.md: "# Verb-Noun", then "## SYNOPSIS", "## DESCRIPTION",
    /// "## EXAMPLES" (### per example, first code block is the code), "## PARAMETERS" (### -Name per
    /// parameter; a paragraph "Default value: x" sets the default), "## INPUTS" / "## OUTPUTS"
    /// (### per type), "## NOTES", "## RELATED LINKS" (a list of links).
    /// </summary>
    internal static class CmdletDocParser
    {
        private static readonly Regex DefaultValue = new("^Default value:\\s*(?<value>.+)$", RegexOptions.IgnoreCase);
        private static readonly string[] KnownSections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        public static CmdletDoc Parse(string path)
        {
            var doc = new CmdletDoc { Path = path };
            var document = Markdown.Parse(File.ReadAllText(path), MarkdownText.Pipeline);
            string? section = null;
            var sectionBlocks = new List<Block>();

            void Flush()
            {
                if (section != null)
                {
                    Apply(doc, section, sectionBlocks);
                }

                sectionBlocks.Clear();
            }

            foreach (var block in document)
            {
                if (block is Markdig.Extensions.Yaml.YamlFrontMatterBlock)
                {
                    continue;
                }

                if (block is HeadingBlock { Level: 1 } title)
                {
                    doc.Name = MarkdownText.Inline(title.Inline);
                    continue;
                }

                if (block is HeadingBlock { Level: 2 } heading)
                {
                    Flush();
                    section = MarkdownText.Inline(heading.Inline).ToUpperInvariant();
                    if (!KnownSections.Contains(section))
                    {
                        doc.Errors.Add($"unknown section '## {section}' (expected one of {string.Join(", ", KnownSections)})");
                        section = null;
                    }

                    continue;
                }

                if (section == null)
                {
                    doc.Errors.Add("text before the first '## ' section");
                    continue;
                }

                sectionBlocks.Add(block);
            }

            Flush();
            return doc;
        }

        private static void Apply(CmdletDoc doc, string section, List<Block> blocks)
        {
            switch (section)
            {
                case "SYNOPSIS":
                    doc.Synopsis.AddRange(MarkdownText.Paragraphs(blocks));
                    break;
                case "SYNTAX":
                    // Generated from the assembly; anything written here is ignored.
                    break;
                case "DESCRIPTION":
                    doc.Description.AddRange(MarkdownText.Paragraphs(blocks));
                    break;
                case "NOTES":
                    doc.Notes.AddRange(MarkdownText.Paragraphs(blocks));
                    break;
                case "EXAMPLES":
                    foreach (var (title, body) in Subsections(doc, section, blocks))
                    {
                        var example = new ExampleDoc { Title = title };
                        foreach (var block in body)
                        {
                            if (example.Code == null && block is FencedCodeBlock code)
                            {
                                example.Code = MarkdownText.Code(code);
                            }
                            else
                            {
                                example.Remarks.AddRange(MarkdownText.Paragraphs(new[] { block }));
                            }
                        }

                        doc.Examples.Add(example);
                    }

                    break;
                case "PARAMETERS":
                    foreach (var (title, body) in Subsections(doc, section, blocks))
                    {
                        if (string.Equals(title, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                        {
                            continue;
                        }

                        if (!title.StartsWith('-'))
                        {
                            doc.Errors.Add($"parameter heading '### {title}' must be '### -Name'");
                            continue;
                        }

                        var parameter = new ParameterDoc { Name = title.Substring(1).Trim() };
                        foreach (var paragraph in MarkdownText.Paragraphs(body))
                        {
                            var match = DefaultValue.Match(paragraph);
                            if (match.Success)
                            {
                                parameter.DefaultValue = match.Groups["value"].Value.Trim();
                            }
                            else
                            {
                                parameter.Description.Add(paragraph);
                            }
                        }

                        if (doc.Parameter(parameter.Name) != null)
                        {
                            doc.Errors.Add($"parameter -{parameter.Name} is described twice");
                        }

                        doc.Parameters.Add(parameter);
                    }

                    break;
                case "INPUTS":
                case "OUTPUTS":
                    foreach (var (title, body) in Subsections(doc, section, blocks))
                    {
                        var type = new TypeDoc { TypeName = title };
                        type.Description.AddRange(MarkdownText.Paragraphs(body));
                        (section == "INPUTS" ? doc.Inputs : doc.Outputs).Add(type);
                    }

                    break;
                case "RELATED LINKS":
                    foreach (var link in blocks.SelectMany(b => b.Descendants<LinkInline>()).Where(l => !l.IsImage))
                    {
                        var text = MarkdownText.Label(link);
                        var url = link.Url ?? "";
                        doc.RelatedLinks.Add((text, MarkdownText.IsAbsolute(url) ? url : ""));
                    }

                    break;
            }
        }

        private static IEnumerable<(string Title, List<Block> Body)> Subsections(CmdletDoc doc, string section, List<Block> blocks)
        {
            string? title = null;
            var body = new List<Block>();
            foreach (var block in blocks)
            {
                if (block is HeadingBlock { Level: 3 } heading)
                {
                    if (title != null)
                    {
                        yield return (title, body);
                    }

                    title = MarkdownText.Inline(heading.Inline);
                    body = new List<Block>();
                    continue;
                }

                if (title == null)
                {
                    doc.Errors.Add($"text in '## {section}' before its first '### ' heading");
                    continue;
                }

                body.Add(block);
            }

            if (title != null)
            {
                yield return (title, body);
            }
        }
    }
}
