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

        // The names are assembled from parts, so this file does not itself carry what it looks for.
        private const string Up = "..";
        private const string Beside = "sha" + "red";
        private static readonly string[] OutsideNotes = { "ECS-" + "SEMANTICS", "PROTOCOL" + @"\.md", "ARCHITECTURE-" + "SKETCH", "CODE-" + "HABITS" };

        private static readonly Regex OutsideReference = new Regex(
            Regex.Escape(Up) + @"[/\\]" + Beside + @"\b" +
            @"|""\.\.""\s*,\s*""" + Beside + @"""" +
            "|" + Beside + @"[/\\]aws-models" +
            "|" + string.Join("|", OutsideNotes) +
            @"|\bissues? #?\d+\b|\(issue\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // Samples say {up} for the parent folder and {beside} for the folder next to the repository.
        private static string Sample(string text) => text.Replace("{up}", Up).Replace("{beside}", Beside);

        [Theory]
        [InlineData("see {up}/{beside}/aws-models/models.md")]
        [InlineData(@"Path.Combine(root, ""{up}\{beside}"")")]
        [InlineData("Path.Combine(Root, \"{up}\", \"{beside}\", \"aws-models\")")]
        [InlineData("The simulator (issue 4)")]
        [InlineData("fixed in issue #12")]
        public void The_pattern_catches_references_outside(string line)
        {
            Assert.Matches(OutsideReference, Sample(line));
        }

        [Fact]
        public void The_pattern_catches_the_names_of_notes_kept_outside()
        {
            foreach (var note in OutsideNotes)
            {
                Assert.Matches(OutsideReference, "as " + note.Replace(@"\.", ".", StringComparison.Ordinal) + " says");
            }
        }

        [Theory]
        [InlineData("A profile from the {beside} AWS credentials and config files.")]
        [InlineData("The retry token bucket {beside} by this session's clients.")]
        [InlineData("tests/aws-models/ecs-2014-11-13.service-2.json")]
        [InlineData("##vso[task.logissue type=error]")]
        [InlineData("docs/aws-access.md, \"awsJson 1.1\"")]
        public void The_pattern_leaves_ordinary_text_alone(string line)
        {
            Assert.DoesNotMatch(OutsideReference, Sample(line));
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
