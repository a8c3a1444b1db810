using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using EcsBlueGreen.NetFramework.Hosting;
using Xunit;

namespace EcsBlueGreen.NetFramework.Loading
{
    /// <summary>A damaged installation: a copy of the packaged module with one dependency removed, imported
    /// by a fresh host process the way a Windows PowerShell session imports it, then asked for a call.</summary>
    [Collection(SimulatorCollection.Name)]
    public sealed class MissingDependencyTests : IDisposable
    {
        private readonly SimulatorProcess _simulator;
        private readonly string _copy = Path.Combine(Path.GetTempPath(), "ecsbg-netfx-module-" + Guid.NewGuid().ToString("N"));

        public MissingDependencyTests(SimulatorProcess simulator)
        {
            _simulator = simulator;
            CopyDirectory(ModuleLayout.ModuleFolder, _copy);
        }

        [Fact]
        public async Task A_complete_copy_imports_and_answers_with_credentials_from_the_process_environment()
        {
            await _simulator.ResetAsync();

            var result = await DescribeAsync();

            Assert.Equal("", result.Error);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("credentials=environment region=eu-west-2 service=myservice-myapplication status=ACTIVE running=2/2", result.Output.Trim());
        }

        [Fact]
        public async Task A_missing_System_Text_Json_fails_the_import_naming_the_file_and_the_folder_before_any_call()
        {
            await _simulator.ResetAsync();
            var dependencies = Path.Combine(_copy, "Dependencies");
            File.Delete(Path.Combine(dependencies, "System.Text.Json.dll"));

            var result = await DescribeAsync();

            Assert.Equal(2, result.ExitCode);
            Assert.Equal(
                "import failed: EcsBlueGreen.PowerShell.Isolation.ModuleDependencyMissingException: EcsBlueGreen cannot load: System.Text.Json.dll is missing from the module's folder " +
                dependencies + ". The installation is incomplete; reinstall the module (Install-PSResource EcsBlueGreen -Reinstall, or Install-Module EcsBlueGreen -Force).",
                result.Error.Trim());
            Assert.Equal("", result.Output);
            Assert.DoesNotContain("ECS.", await _simulator.RequestCountsAsync());
        }

        [Fact]
        public async Task Every_missing_file_is_named_at_once()
        {
            var dependencies = Path.Combine(_copy, "Dependencies");
            File.Delete(Path.Combine(dependencies, "AWSSDK.SSO.dll"));
            File.Delete(Path.Combine(dependencies, "Microsoft.Bcl.TimeProvider.dll"));

            var result = await DescribeAsync();

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(": EcsBlueGreen cannot load: AWSSDK.SSO.dll, Microsoft.Bcl.TimeProvider.dll are missing from the module's folder " + dependencies + ".", result.Error);
        }

        private Task<HostChild.Result> DescribeAsync() =>
            HostChild.RunAsync(new[] { "describe", _copy }, new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = SimulatorProcess.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = SimulatorProcess.SecretKey,
                ["AWS_REGION"] = SimulatorProcess.Region,
                ["AWS_ENDPOINT_URL"] = _simulator.Endpoint,
                ["HOME"] = _copy,
            });

        private static void CopyDirectory(string source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            foreach (var dir in Directory.GetDirectories(source)) CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_copy, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
