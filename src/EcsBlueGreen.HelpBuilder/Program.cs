using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace EcsBlueGreen.HelpBuilder
{
    /// <summary>
    /// dotnet run --project src/EcsBlueGreen.HelpBuilder -- --docs docs --out out/EcsBlueGreen/en-US
    ///   [--assembly path/EcsBlueGreen.PowerShell.dll] [--sma path/System.Management.Automation.dll]
    /// Exits 1, listing every gap, when a cmdlet has no markdown, a parameter no description, or an
    /// example is missing: the build-time half of the help completeness check.
    /// </summary>
    internal static class Program
    {
        private const string AssemblyName = "EcsBlueGreen.PowerShell.dll";

        public static int Main(string[] args)
        {
            try
            {
                return Run(ParseArguments(args));
            }
            catch (UsageException ex)
            {
                Console.Error.WriteLine($"HelpBuilder: {ex.Message}");
                Console.Error.WriteLine("usage: EcsBlueGreen.HelpBuilder --docs <docs folder> --out <help folder> [--assembly <EcsBlueGreen.PowerShell.dll>] [--sma <System.Management.Automation.dll>]");
                return 2;
            }
        }

        private static int Run(Dictionary<string, string> options)
        {
            var docs = Path.GetFullPath(Require(options, "docs"));
            var output = Path.GetFullPath(Require(options, "out"));
            if (!Directory.Exists(docs))
            {
                throw new UsageException($"docs folder {docs} does not exist.");
            }

            var repositoryRoot = Path.GetDirectoryName(docs)!;
            var assembly = options.TryGetValue("assembly", out var a) ? Path.GetFullPath(a) : DefaultAssembly(repositoryRoot);
            if (!File.Exists(assembly))
            {
                throw new UsageException($"cmdlet assembly {assembly} does not exist; build src/EcsBlueGreen.PowerShell first (or pass --assembly).");
            }

            var sma = options.TryGetValue("sma", out var s) ? Path.GetFullPath(s) : FindSystemManagementAutomation(repositoryRoot);
            var cmdlets = CmdletMetadata.Read(assembly, sma);
            var errors = new List<string>();
            if (cmdlets.Count == 0)
            {
                errors.Add($"{assembly} defines no cmdlets.");
            }

            var cmdletDocs = Path.Combine(docs, "cmdlets");
            var docFiles = Directory.Exists(cmdletDocs) ? Directory.GetFiles(cmdletDocs, "*.md") : Array.Empty<string>();
            var docsByName = docFiles.ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => f, StringComparer.OrdinalIgnoreCase);
            var pairs = new List<(CmdletInfo, CmdletDoc)>();
            foreach (var cmdlet in cmdlets)
            {
                if (!docsByName.TryGetValue(cmdlet.Name, out var file))
                {
                    errors.Add($"{cmdlet.Name}: no help source; write {Path.Combine(cmdletDocs, cmdlet.Name + ".md")} (see docs/README.md).");
                    continue;
                }

                var doc = CmdletDocParser.Parse(file);
                var gaps = HelpValidator.Check(cmdlet, doc).ToList();
                errors.AddRange(gaps.Select(g => $"{Relative(repositoryRoot, file)}: {g}"));
                pairs.Add((cmdlet, doc));
            }

            foreach (var orphan in docsByName.Keys.Where(n => cmdlets.All(c => !string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))))
            {
                errors.Add($"{Relative(repositoryRoot, docsByName[orphan])}: documents {orphan}, which {Path.GetFileName(assembly)} does not define.");
            }

            var abouts = new List<(string Name, string Text)>();
            foreach (var file in Directory.GetFiles(docs, "about_*.md"))
            {
                var (name, text, aboutErrors) = AboutTopicWriter.Render(file);
                errors.AddRange(aboutErrors);
                abouts.Add((name, text));
            }

            if (errors.Count > 0)
            {
                Console.Error.WriteLine($"HelpBuilder: the help is incomplete ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):");
                foreach (var error in errors)
                {
                    Console.Error.WriteLine("  " + error);
                }

                return 1;
            }

            Directory.CreateDirectory(output);
            var mamlPath = Path.Combine(output, Path.GetFileName(assembly) + "-Help.xml");
            var maml = MamlWriter.Write(pairs);
            using (var writer = new StreamWriter(mamlPath, false, new UTF8Encoding(false)))
            {
                maml.Save(writer);
            }

            foreach (var (name, text) in abouts)
            {
                File.WriteAllText(Path.Combine(output, name + ".help.txt"), text, new UTF8Encoding(false));
            }

            Console.WriteLine($"HelpBuilder: {pairs.Count} cmdlets into {mamlPath}; {abouts.Count} about topic(s) into {output}");
            return 0;
        }

        /// <summary>The Release build of the cmdlet project, else the Debug one, whichever exists (newest first).</summary>
        private static string DefaultAssembly(string repositoryRoot)
        {
            var candidates = new[] { "Release", "Debug" }
                .Select(c => Path.Combine(repositoryRoot, "src", "EcsBlueGreen.PowerShell", "bin", c, "netstandard2.0", AssemblyName))
                .ToList();
            return candidates.Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() ?? candidates[0];
        }

        /// <summary>
        /// The PowerShellStandard.Library reference assembly: copied next to this tool by its project,
        /// else from the cmdlet project's restore folders, else from ~/.nuget/packages.
        /// </summary>
        private static string FindSystemManagementAutomation(string repositoryRoot)
        {
            const string relative = "powershellstandard.library/5.1.1/lib/netstandard2.0/System.Management.Automation.dll";
            var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "sma", "System.Management.Automation.dll") };
            var assets = Path.Combine(repositoryRoot, "src", "EcsBlueGreen.PowerShell", "obj", "project.assets.json");
            if (File.Exists(assets))
            {
                try
                {
                    using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(assets));
                    if (json.RootElement.TryGetProperty("packageFolders", out var folders))
                    {
                        candidates.AddRange(folders.EnumerateObject().Select(f => Path.Combine(f.Name, relative)));
                    }
                }
                catch (System.Text.Json.JsonException)
                {
                    // An unreadable assets file only means one place less to look.
                }
            }

            var nugetPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (!string.IsNullOrEmpty(nugetPackages))
            {
                candidates.Add(Path.Combine(nugetPackages, relative));
            }

            candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", relative));
            return candidates.FirstOrDefault(File.Exists)
                   ?? throw new UsageException("System.Management.Automation.dll (PowerShellStandard.Library 5.1.1) was not found; restore the solution or pass --sma.");
        }

        private static Dictionary<string, string> ParseArguments(string[] args)
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new UsageException($"unexpected argument '{args[i]}'.");
                }

                var name = args[i].Substring(2);
                if (name is not ("docs" or "out" or "assembly" or "sma"))
                {
                    throw new UsageException($"unknown option '{args[i]}'.");
                }

                options[name] = args[++i];
            }

            return options;
        }

        private static string Require(Dictionary<string, string> options, string name) =>
            options.TryGetValue(name, out var value) ? value : throw new UsageException($"--{name} is required.");

        private static string Relative(string root, string path) => Path.GetRelativePath(root, path);

        private sealed class UsageException : Exception
        {
            public UsageException(string message) : base(message)
            {
            }
        }
    }
}
