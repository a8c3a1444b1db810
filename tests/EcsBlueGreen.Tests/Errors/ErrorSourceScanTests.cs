using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Errors
{
    /// <summary>
    /// The catalogue is the only place error ids are written down, and ErrorCatalog the only place
    /// ErrorRecords are made: the module's sources are read to prove it. (The simulator plays AWS, whose
    /// error codes it must spell out, and is not part of the module.)
    /// </summary>
    public class ErrorSourceScanTests
    {
        private static readonly string Src = Path.Combine(RepoPaths.RepositoryRoot, "src");
        private static readonly string CatalogueFolder = Path.Combine(Src, "EcsBlueGreen", "Errors");
        private static readonly string RecordMapping = Path.Combine(Src, "EcsBlueGreen.PowerShell", "Hosting", "ErrorCatalog.cs");

        private static IEnumerable<(string Path, string Text)> ModuleSources() =>
            Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj" || part == "EcsBlueGreen.Simulator"))
                .Select(p => (p, File.ReadAllText(p)));

        private static string Relative(string path) => Path.GetRelativePath(RepoPaths.RepositoryRoot, path);

        [Fact]
        public void The_scan_sees_the_module_sources()
        {
            var files = ModuleSources().Select(f => Relative(f.Path).Replace('\\', '/')).ToList();
            Assert.Contains("src/EcsBlueGreen.PowerShell/Hosting/ErrorCatalog.cs", files);
            Assert.Contains("src/EcsBlueGreen/Deployments/Guardrails.cs", files);
            Assert.DoesNotContain(files, f => f.StartsWith("src/EcsBlueGreen.Simulator/", StringComparison.Ordinal));
        }

        [Fact]
        public void Only_ErrorCatalog_makes_ErrorRecords()
        {
            var offenders = ModuleSources()
                .Where(f => f.Path != RecordMapping && Regex.IsMatch(f.Text, @"new\s+(System\.Management\.Automation\.)?ErrorRecord\s*\("))
                .Select(f => Relative(f.Path)).ToList();
            Assert.Empty(offenders);
            Assert.Matches(@"new\s+ErrorRecord\s*\(", File.ReadAllText(RecordMapping));
        }

        [Fact]
        public void No_source_names_the_NotSpecified_category()
        {
            var offenders = Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .Where(p => File.ReadAllText(p).Contains("ErrorCategory.NotSpecified"))
                .Select(Relative).ToList();
            Assert.Empty(offenders);
        }

        [Fact]
        public void No_failure_is_raised_with_a_literal_error_id()
        {
            var literalId = new Regex(@"\b(EcsBlueGreenException|ImagePublishException|AwsConfigurationException|ErrorCatalog\.\w+)\s*\(\s*\$?""");
            var offenders = ModuleSources()
                .SelectMany(f => literalId.Matches(f.Text).Select(m => $"{Relative(f.Path)}: {m.Value}"))
                .ToList();
            Assert.Empty(offenders);
        }

        [Fact]
        public void Catalogue_entries_are_made_only_in_the_catalogue()
        {
            var offenders = ModuleSources()
                .Where(f => !f.Path.StartsWith(CatalogueFolder, StringComparison.Ordinal) && f.Text.Contains("new ErrorDefinition("))
                .Select(f => Relative(f.Path)).ToList();
            Assert.Empty(offenders);
        }

        [Fact]
        public void No_catalogue_id_is_spelled_out_outside_the_catalogue()
        {
            var offenders = new List<string>();
            foreach (var (path, text) in ModuleSources().Where(f => !f.Path.StartsWith(CatalogueFolder, StringComparison.Ordinal)))
            {
                foreach (var entry in ErrorIds.All)
                {
                    if (text.Contains("\"" + entry.Id + "\"") || text.Contains("\"" + entry.Id + "{") || text.Contains("\"" + entry.Id + ".\""))
                    {
                        offenders.Add($"{Relative(path)}: {entry.Id}");
                    }
                }
            }

            Assert.Empty(offenders);
        }
    }
}
