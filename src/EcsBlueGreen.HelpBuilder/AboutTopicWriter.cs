using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace EcsBlueGreen.HelpBuilder
{
    /// <summary>
    /// docs/about_Topic.md to en-US/about_Topic.help.txt in the classic layout Get-Help shows:
    /// "TOPIC", "SHORT DESCRIPTION", "LONG DESCRIPTION" and further sections in capitals at the
    /// margin, text indented by four and wrapped at 80 columns, code and tables kept verbatim.
    /// </summary>
    internal static class AboutTopicWriter
    {
        private const int Width = 80;

        public static (string Name, string Text, List<string> Errors) Render(string path)
        {
            var errors = new List<string>();
            var document = Markdown.Parse(File.ReadAllText(path), MarkdownText.Pipeline);
            var expected = Path.GetFileNameWithoutExtension(path);
            var output = new StringBuilder();
            string? name = null;
            var shortDescription = false;
            string? section = null;

            foreach (var block in document)
            {
                switch (block)
                {
                    case YamlFrontMatterBlock:
                        break;
                    case HeadingBlock { Level: 1 } h1:
                        name = MarkdownText.Inline(h1.Inline);
                        output.Append("TOPIC\n").Append(Indent(name, 4)).Append("\n\n");
                        break;
                    case HeadingBlock { Level: 2 } h2:
                        section = MarkdownText.Inline(h2.Inline).ToUpperInvariant();
                        output.Append(section).Append("\n\n");
                        break;
                    case HeadingBlock h:
                        var title = MarkdownText.Inline(h.Inline);
                        output.Append(Indent(title, 4)).Append('\n').Append(Indent(new string(h.Level == 3 ? '-' : '.', title.Length), 4)).Append("\n\n");
                        break;
                    default:
                        if (section == "SHORT DESCRIPTION" && block is ParagraphBlock)
                        {
                            shortDescription = true;
                        }

                        output.Append(RenderBlock(block, 4)).Append('\n');
                        break;
                }
            }

            if (name == null || !string.Equals(name, expected, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{path}: the first heading must be '# {expected}'");
            }

            if (!shortDescription)
            {
                errors.Add($"{path}: a '## Short description' section with a paragraph is required (Get-Help lists it as the synopsis)");
            }

            return (expected, output.ToString().TrimEnd() + "\n", errors);
        }

        private static string RenderBlock(Block block, int indent)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    return Wrap(MarkdownText.Inline(paragraph.Inline), indent, indent) + "\n";
                case FencedCodeBlock or CodeBlock:
                    return Indent(MarkdownText.Code((LeafBlock)block), indent + 4) + "\n";
                case Table table:
                    return RenderTable(table, indent);
                case ListBlock list:
                    return RenderList(list, indent);
                case QuoteBlock quote:
                    return string.Concat(quote.Select(b => RenderBlock(b, indent + 4)));
                case ThematicBreakBlock:
                    return "";
                case ContainerBlock container:
                    return string.Concat(container.Select(b => RenderBlock(b, indent)));
                default:
                    return "";
            }
        }

        /// <summary>A table that fits stays a table; a wider one becomes a list: the first cell of each row
        /// as a heading, the other cells wrapped beneath it.</summary>
        private static string RenderTable(Table table, int indent)
        {
            var lines = MarkdownText.TableLines(table).ToList();
            if (lines.All(l => indent + l.Length <= Width))
            {
                return Indent(string.Join("\n", lines), indent) + "\n";
            }

            var rows = table.OfType<TableRow>().ToList();
            var header = rows.Count > 0 && rows[0].IsHeader
                ? rows[0].OfType<TableCell>().Select(c => string.Join(" ", MarkdownText.Paragraphs(c))).ToList()
                : new List<string>();
            var text = new StringBuilder();
            foreach (var row in rows.Where(r => !r.IsHeader))
            {
                var cells = row.OfType<TableCell>().Select(c => string.Join(" ", MarkdownText.Paragraphs(c))).ToList();
                if (cells.Count == 0)
                {
                    continue;
                }

                text.Append(new string(' ', indent)).Append(cells[0]).Append('\n');
                for (var i = 1; i < cells.Count; i++)
                {
                    var label = cells.Count > 2 && i < header.Count ? header[i] + ": " : "";
                    text.Append(Wrap(label + cells[i], indent + 4, indent + 4)).Append('\n');
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        private static string RenderList(ListBlock list, int indent)
        {
            var text = new StringBuilder();
            var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var bullet = list.IsOrdered ? $"{number++}. " : "- ";
                var first = true;
                foreach (var child in item)
                {
                    if (child is ParagraphBlock paragraph)
                    {
                        var firstIndent = first ? indent : indent + bullet.Length;
                        var wrapped = Wrap(MarkdownText.Inline(paragraph.Inline), firstIndent + (first ? bullet.Length : 0), indent + bullet.Length);
                        if (first)
                        {
                            wrapped = new string(' ', indent) + bullet + wrapped.TrimStart();
                        }

                        text.Append(wrapped).Append('\n');
                    }
                    else
                    {
                        text.Append(RenderBlock(child, indent + bullet.Length).TrimEnd('\n')).Append('\n');
                    }

                    first = false;
                }
            }

            return text.ToString();
        }

        private static string Indent(string text, int indent) =>
            string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? "" : new string(' ', indent) + l));

        /// <summary>Word-wraps each line of text; the first line is indented by firstIndent, the rest by indent.</summary>
        private static string Wrap(string text, int firstIndent, int indent)
        {
            var lines = new List<string>();
            foreach (var hardLine in text.Split('\n'))
            {
                var current = new StringBuilder(new string(' ', lines.Count == 0 ? firstIndent : indent));
                var empty = true;
                foreach (var word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!empty && current.Length + 1 + word.Length > Width)
                    {
                        lines.Add(current.ToString());
                        current = new StringBuilder(new string(' ', indent));
                        empty = true;
                    }

                    if (!empty)
                    {
                        current.Append(' ');
                    }

                    current.Append(word);
                    empty = false;
                }

                lines.Add(current.ToString());
            }

            return string.Join("\n", lines);
        }
    }
}
