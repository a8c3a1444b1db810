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
    /// <summary>The catalogue itself, and its documentation in about_EcsBlueGreen.</summary>
    public class ErrorCatalogueTests
    {
        [Fact]
        public void Ids_are_unique_stable_names()
        {
            var ids = ErrorIds.All.Select(e => e.Id).ToList();

            Assert.Equal(78, ids.Count); // a new entry is added here on purpose, with its documentation
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(ids, id => Assert.Matches("^[A-Z][A-Za-z0-9]+$", id));
        }

        [Fact]
        public void Every_entry_has_a_real_category_and_a_one_line_user_action()
        {
            Assert.DoesNotContain("NotSpecified", Enum.GetNames<ErrorKind>());
            Assert.All(ErrorIds.All, e =>
            {
                Assert.True(Enum.IsDefined(e.Kind), e.Id);
                Assert.False(string.IsNullOrWhiteSpace(e.UserAction), e.Id);
                Assert.DoesNotContain("\n", e.UserAction);
                Assert.EndsWith(".", e.UserAction);
            });
        }

        [Fact]
        public void Ids_that_scripts_and_docs_already_match_on_are_kept()
        {
            foreach (var id in new[]
            {
                "EcsDeploymentFailed", "EcsDeploymentRolledBack", "EcsDeploymentStopped", "EcsDeploymentTimedOut",
                "InvalidImageUri", "ContainerNotFound", "ServiceNotFound", "ServiceNotActive", "UnsupportedDeploymentController",
                "DeploymentInProgress", "TaskDefinitionNotFound", "SecretInEnvironment", "InvalidTimeout", "InvalidPollInterval",
                "BuildContextNotFound", "DockerfileNotFound", "ImageArchiveNotAnImage", "EcrRepositoryNotFound", "InvalidImageTag",
                "EcrImmutableTagConflict", "ImageBuilderNotFound", "AwsRegionMissing", "AwsCredentialsMissing",
            })
            {
                Assert.NotNull(ErrorIds.Find(id));
            }

            Assert.Equal(ErrorKind.InvalidResult, ErrorIds.EcsDeploymentRolledBack.Kind);
            Assert.Equal(ErrorKind.InvalidResult, ErrorIds.EcsDeploymentFailed.Kind);
            Assert.Equal(ErrorKind.OperationStopped, ErrorIds.EcsDeploymentStopped.Kind);
            Assert.Equal(ErrorKind.OperationTimeout, ErrorIds.EcsDeploymentTimedOut.Kind);
            Assert.Equal(ErrorKind.ResourceExists, ErrorIds.EcrImmutableTagConflict.Kind);
            Assert.Equal(ErrorKind.NotInstalled, ErrorIds.ImageBuilderNotFound.Kind);
            Assert.Equal(ErrorKind.InvalidArgument, ErrorIds.SecretInEnvironment.Kind);
        }

        [Fact]
        public void About_EcsBlueGreen_documents_every_entry_with_its_category_and_user_action()
        {
            var documented = DocumentedErrors(Path.Combine(RepoPaths.RepositoryRoot, "docs", "about_EcsBlueGreen.md"));

            Assert.Equal(ErrorIds.All.Select(e => e.Id).OrderBy(i => i, StringComparer.Ordinal),
                documented.Keys.OrderBy(i => i, StringComparer.Ordinal));
            foreach (var entry in ErrorIds.All)
            {
                Assert.Equal((entry.Kind.ToString(), entry.UserAction), documented[entry.Id]);
            }
        }

        /// <summary>The rows of every table headed "FullyQualifiedErrorId | Category | What to do", with
        /// markdown code marks removed.</summary>
        private static Dictionary<string, (string Category, string Action)> DocumentedErrors(string path)
        {
            var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            var inTable = false;
            foreach (var line in File.ReadLines(path))
            {
                var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Replace("`", "")).ToArray();
                if (!line.TrimStart().StartsWith('|'))
                {
                    inTable = false;
                }
                else if (cells.SequenceEqual(new[] { "FullyQualifiedErrorId", "Category", "What to do" }))
                {
                    inTable = true;
                }
                else if (inTable && !Regex.IsMatch(line, @"^\s*\|\s*-+"))
                {
                    Assert.Equal(3, cells.Length);
                    Assert.True(rows.TryAdd(cells[0], (cells[1], cells[2])), $"{cells[0]} is documented twice");
                }
            }

            return rows;
        }
    }
}
