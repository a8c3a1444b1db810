using System;
using System.Collections.Generic;
using System.Linq;

namespace EcsBlueGreen.HelpBuilder
{
    /// <summary>What a cmdlet's help must have before the build accepts it.</summary>
    internal static class HelpValidator
    {
        public const int MinimumExamples = 2;

        public static IEnumerable<string> Check(CmdletInfo cmdlet, CmdletDoc doc)
        {
            foreach (var error in doc.Errors)
            {
                yield return error;
            }

            if (!string.Equals(doc.Name, cmdlet.Name, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"the first heading must be '# {cmdlet.Name}', not '# {doc.Name}'";
            }

            if (doc.Synopsis.Count == 0)
            {
                yield return "## SYNOPSIS is empty";
            }

            if (doc.Description.Count == 0)
            {
                yield return "## DESCRIPTION is empty";
            }

            if (doc.Examples.Count < MinimumExamples)
            {
                yield return $"{doc.Examples.Count} example(s); at least {MinimumExamples} are required (one interactive, one CI)";
            }

            foreach (var example in doc.Examples.Where(e => string.IsNullOrWhiteSpace(e.Code)))
            {
                yield return $"example '{example.Title}' has no code block";
            }

            foreach (var parameter in cmdlet.Parameters.Where(p => !p.DontShow))
            {
                var described = doc.Parameter(parameter.Name);
                if (described == null)
                {
                    yield return $"parameter -{parameter.Name} is not documented (add '### -{parameter.Name}' under ## PARAMETERS)";
                }
                else if (described.Description.Count == 0)
                {
                    yield return $"parameter -{parameter.Name} has no description";
                }
            }

            foreach (var described in doc.Parameters)
            {
                var parameter = cmdlet.Parameters.FirstOrDefault(p => string.Equals(p.Name, described.Name, StringComparison.OrdinalIgnoreCase));
                if (parameter == null)
                {
                    yield return $"parameter -{described.Name} is documented but {cmdlet.Name} has no such parameter";
                }
                else if (parameter.DontShow)
                {
                    yield return $"parameter -{described.Name} is hidden (DontShow) and must not be documented";
                }
            }

            if (doc.Inputs.Count == 0)
            {
                yield return "## INPUTS has no '### Type' entry (write '### None' when nothing binds from the pipeline)";
            }

            if (doc.Outputs.Count == 0)
            {
                yield return "## OUTPUTS has no '### Type' entry";
            }

            foreach (var output in cmdlet.OutputTypes)
            {
                var shortName = output.Substring(output.LastIndexOf('.') + 1);
                if (!doc.Outputs.Any(o => o.TypeName == output || o.TypeName == shortName))
                {
                    yield return $"## OUTPUTS does not list {output}, which the cmdlet declares with [OutputType]";
                }
            }

            if (doc.RelatedLinks.Count == 0)
            {
                yield return "## RELATED LINKS is empty";
            }
        }
    }
}
