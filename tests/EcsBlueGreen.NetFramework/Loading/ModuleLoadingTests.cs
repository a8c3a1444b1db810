using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using EcsBlueGreen.Aws;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Loading
{
    /// <summary>Where the core and its packages come from once the module is imported as Windows
    /// PowerShell imports it, and how the module's resolver answers version mismatches.</summary>
    public class ModuleLoadingTests
    {
        // No framework carries these: the module's resolver is the only way they load. (System.Numerics.Vectors
        // is not among them: Mono answers it with its own framework copy before asking anyone.)
        private static readonly string[] OnlyFromDependencies =
        {
            "EcsBlueGreen", "AWSSDK.Core", "System.Text.Json", "System.Text.Encodings.Web", "System.Memory", "System.Buffers",
            "System.Runtime.CompilerServices.Unsafe", "Microsoft.Bcl.TimeProvider", "Microsoft.Bcl.AsyncInterfaces",
        };

        [Fact]
        public void The_core_and_its_packages_load_once_each_from_the_packaged_Dependencies_folder()
        {
            // Work that needs each of them: a session (AWSSDK.Core's profile file reader, the clock) and JSON.
            using (var session = AwsSession.Resolve(new AwsConnectionOptions { Region = "eu-west-2", AccessKey = "AKIDEXAMPLE", SecretKey = "not-a-secret" }, EmptyEnvironment.Create()))
            {
                Assert.Equal("parameters", session.CredentialSource);
            }

            Assert.Equal(2, JsonNode.Parse("{\"a\":[1,2]}")!["a"]!.AsArray().Count);
            Assert.True(TimeProvider.System.GetUtcNow().Year >= 2024);

            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic).ToLookup(a => a.GetName().Name);
            foreach (var name in OnlyFromDependencies)
            {
                var copies = loaded[name].ToList();
                Assert.True(copies.Count == 1, $"{name}: {copies.Count} copies loaded");
                Assert.Equal(Path.Combine(ModuleLayout.DependencyFolder, name + ".dll"), copies[0].Location);
            }
        }

        [Fact]
        public void The_host_carries_none_of_the_module_assemblies()
        {
            var packaged = Directory.GetFiles(ModuleLayout.DependencyFolder, "*.dll").Select(Path.GetFileName).ToList();
            Assert.Contains("EcsBlueGreen.dll", packaged);
            Assert.Contains("System.Text.Json.dll", packaged);
            Assert.DoesNotContain(packaged, file => File.Exists(Path.Combine(ModuleLayout.HostFolder, file)));
            Assert.False(File.Exists(Path.Combine(ModuleLayout.HostFolder, WindowsPowerShellImport.RootAssemblyFile)));
        }

        [Fact]
        public void The_dependency_list_stamped_into_the_module_is_exactly_the_packaged_folder()
        {
            var module = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "EcsBlueGreen.PowerShell");
            var stamped = module.GetCustomAttributes<AssemblyMetadataAttribute>().Where(a => a.Key == "EcsBlueGreen.Dependency").Select(a => a.Value).OrderBy(n => n, StringComparer.Ordinal);
            var packaged = Directory.GetFiles(ModuleLayout.DependencyFolder, "*.dll").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(packaged, stamped);
        }

        /// <summary>Windows PowerShell gives a module no binding redirects, so each of these binds only
        /// through the module's resolver: the first two are what the shipped packages really ask for
        /// (System.Text.Json 8 was built against System.Memory 4.0.1.2, AWSSDK.Core 4 against System.Text.Json
        /// 6), the last a newer version than any we ship.</summary>
        [Theory]
        [InlineData("System.Memory", "4.0.1.2", "System.Text.Json")]
        [InlineData("System.Text.Json", "6.0.0.0", "AWSSDK.Core")]
        [InlineData("System.Memory", "4.0.99.0", null)]
        public void A_version_other_than_the_shipped_one_is_answered_with_the_shipped_file(string name, string version, string? askedBy)
        {
            var file = Path.Combine(ModuleLayout.DependencyFolder, name + ".dll");
            var shipped = AssemblyName.GetAssemblyName(file);
            var asked = new AssemblyName(shipped.FullName) { Version = new Version(version) };
            Assert.NotEqual(shipped.Version, asked.Version);
            if (askedBy != null)
            {
                var referrer = Assembly.Load(askedBy);
                Assert.Contains(referrer.GetReferencedAssemblies(), r => r.Name == name && r.Version == asked.Version);
            }

            var answer = Assembly.Load(asked);

            Assert.Equal(file, answer.Location);
            Assert.Equal(shipped.Version, answer.GetName().Version);
        }
    }
}
