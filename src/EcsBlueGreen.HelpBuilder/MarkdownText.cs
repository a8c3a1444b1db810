using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EcsBlueGreen.HelpBuilder
{
    /// <summary>Markdown to the plain text that Get-Help shows: no markup, links as "text (url)".</summary>
    internal static class MarkdownText
    {
        public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseYamlFrontMatter()
            .Build();

        public static string Inline(ContainerInline? inline)
        {
            var text = new StringBuilder();
            AppendInline(text, inline);
            return text.ToString().Trim();
        }

        /// <summary>The text of a container's children only (a link's label without its URL).</summary>
        public static string Label(ContainerInline container)
        {
            var text = new StringBuilder();
            AppendChildren(text, container);
            return text.ToString().Trim();
        }

        private static void AppendInline(StringBuilder text, Inline? inline)
        {
            switch (inline)
            {
                case null:
                    return;
                case LinkInline link when !link.IsImage:
                    var before = text.Length;
                    AppendChildren(text, link);
                    var label = text.ToString(before, text.Length - before);
                    var url = link.Url ?? "";
                    if (IsAbsolute(url) && !string.Equals(label, url, StringComparison.Ordinal))
                    {
                        text.Append(" (").Append(url).Append(')');
                    }

                    return;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    return;
                case CodeInline code:
                    text.Append(code.Content);
                    return;
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    return;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    return;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? "\n" : " ");
                    return;
                case HtmlInline:
                    return;
                case ContainerInline container:
                    AppendChildren(text, container);
                    return;
            }
        }

        private static void AppendChildren(StringBuilder text, ContainerInline container)
        {
            foreach (var child in container)
            {
                AppendInline(text, child);
            }
        }

        public static bool IsAbsolute(string url) =>
            url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

        /// <summary>Blocks as help paragraphs: one per paragraph, one per list, one per code block, one per table.</summary>
        public static List<string> Paragraphs(IEnumerable<Block> blocks)
        {
            var result = new List<string>();
            foreach (var block in blocks)
            {
                AddParagraphs(result, block);
            }

            return result.Where(p => p.Trim().Length > 0).ToList();
        }

        private static void AddParagraphs(List<string> result, Block block)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    result.Add(Inline(paragraph.Inline));
                    break;
                case HeadingBlock heading:
                    result.Add(Inline(heading.Inline));
                    break;
                case FencedCodeBlock or CodeBlock:
                    result.Add(Code((LeafBlock)block));
                    break;
                case ListBlock list:
                    result.Add(string.Join("\n", ListLines(list, 0)));
                    break;
                case Table table:
                    result.Add(string.Join("\n", TableLines(table)));
                    break;
                case QuoteBlock quote:
                    foreach (var child in quote)
                    {
                        AddParagraphs(result, child);
                    }

                    break;
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        AddParagraphs(result, child);
                    }

                    break;
            }
        }

        public static string Code(LeafBlock code) =>
            string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString())).TrimEnd();

        /// <summary>A list as lines "- item", nested lists indented by two spaces, continuation lines too.</summary>
        public static IEnumerable<string> ListLines(ListBlock list, int indent)
        {
            var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var bullet = list.IsOrdered ? $"{number++}. " : "- ";
                var first = true;
                foreach (var child in item)
                {
                    if (child is ListBlock nested)
                    {
                        foreach (var line in ListLines(nested, indent + 2))
                        {
                            yield return line;
                        }

                        continue;
                    }

                    foreach (var paragraph in Paragraphs(new[] { child }))
                    {
                        foreach (var line in paragraph.Split('\n'))
                        {
                            yield return new string(' ', indent) + (first ? bullet : new string(' ', bullet.Length)) + line;
                            first = false;
                        }
                    }
                }
            }
        }

        /// <summary>A pipe table as aligned text columns.</summary>
        public static IEnumerable<string> TableLines(Table table)
        {
            var rows = table.OfType<TableRow>()
                .Select(r => r.OfType<TableCell>().Select(c => string.Join(" ", Paragraphs(c))).ToList())
                .ToList();
            var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
            var widths = Enumerable.Range(0, columns).Select(i => rows.Max(r => i < r.Count ? r[i].Length : 0)).ToList();
            for (var r = 0; r < rows.Count; r++)
            {
                yield return string.Join("  ", rows[r].Select((cell, i) => i == rows[r].Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();
                if (r == 0 && table.OfType<TableRow>().First().IsHeader)
                {
                    yield return string.Join("  ", widths.Select(w => new string('-', w)));
                }
            }
        }
    }
}
