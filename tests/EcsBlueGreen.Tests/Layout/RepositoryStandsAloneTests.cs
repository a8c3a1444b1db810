using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Layout
{
    /// <summary>A fresh clone builds, tests and reads well on its own: no tracked file points at a folder
    /// beside the repository, at notes that live outside it, or at an issue tracker's numbers.</summary>
    public class RepositoryStandsAloneTests
    {
        // This file names the patterns, so it is the one file not scanned.
        private const string ThisFile = "tests/EcsBlueGreen.Tests/Layout/RepositoryStandsAloneTests.cs";

        private static readonly Regex OutsideReference = new Regex(
            @"\.\.[/\\]shared\b" +
            @"|""\.\.""\s*,\s*""shared""" +
            @"|shared[/\\]aws-models" +
            @"|ECS-SEMANTICS|PROTOCOL\.md|ARCHITECTURE-SKETCH|CODE-HABITS" +
            @"|\bissues? #?\d+\b|\(issue\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        [Theory]
        [InlineData("see ../shared/aws-models/PROTOCOL.md")]
        [InlineData(@"Path.Combine(root, ""..\shared"")")]
        [InlineData("Path.Combine(Root, \"..\", \"shared\", \"aws-models\")")]
        [InlineData("the rules of ECS-SEMANTICS.md section 5")]
        [InlineData("as CODE-HABITS says")]
        [InlineData("ARCHITECTURE-SKETCH.md")]
        [InlineData("The simulator (issue 4)")]
        [InlineData("fixed in issue #12")]
        public void The_pattern_catches_references_outside(string line)
        {
            Assert.Matches(OutsideReference, line);
        }

        [Theory]
        [InlineData("A profile from the shared AWS credentials and config files.")]
        [InlineData("The retry token bucket shared by this session's clients.")]
        [InlineData("tests/aws-models/ecs-2014-11-13.service-2.json")]
        [InlineData("##vso[task.logissue type=error]")]
        [InlineData("docs/aws-access.md, \"awsJson 1.1\"")]
        public void The_pattern_leaves_ordinary_text_alone(string line)
        {
            Assert.DoesNotMatch(OutsideReference, line);
        }

        [Fact]
        public void No_tracked_file_refers_outside_the_repository()
        {
            var files = TrackedFiles();
            Assert.Contains("README.md", files);
            Assert.Contains(ThisFile, files);

            var offending = new List<string>();
            foreach (var file in files.Where(f => f != ThisFile))
            {
                var path = Path.Combine(RepoPaths.RepositoryRoot, file);
                if (!File.Exists(path)) continue; // deleted in the work tree, not yet committed
                var bytes = File.ReadAllBytes(path);
                if (Array.IndexOf(bytes, (byte)0) >= 0) continue; // binary
                var lines = Encoding.UTF8.GetString(bytes).Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (OutsideReference.IsMatch(lines[i])) offending.Add($"{file}:{i + 1}: {lines[i].Trim()}");
                }
            }

            Assert.True(offending.Count == 0,
                "Say the fact, or cite a file in the repository, instead of:" + Environment.NewLine +
                string.Join(Environment.NewLine, offending));
        }

        private static IReadOnlyList<string> TrackedFiles()
        {
            var start = new ProcessStartInfo("git", "ls-files -z")
            {
                WorkingDirectory = RepoPaths.RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
            var errors = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            Assert.True(git.ExitCode == 0, "git ls-files failed in " + RepoPaths.RepositoryRoot + ": " + errors.Result);
            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
