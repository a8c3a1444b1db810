using System;
using System.IO;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>
    /// Where the packaged module, the simulator and this host are. build.ps1 names the first two
    /// (ECSBG_NETFX_MODULE, ECSBG_NETFX_SIMULATOR); run by hand, the host finds them under the
    /// repository's out/ after `build.ps1 -Task Build`.
    /// </summary>
    internal static class ModuleLayout
    {
        public static string ModuleFolder =>
            Environment.GetEnvironmentVariable("ECSBG_NETFX_MODULE") ?? Path.Combine(RepositoryRoot(), "out", "EcsBlueGreen");

        public static string DependencyFolder => Path.Combine(ModuleFolder, "Dependencies");

        public static string SimulatorPath =>
            Environment.GetEnvironmentVariable("ECSBG_NETFX_SIMULATOR") ?? Path.Combine(RepositoryRoot(), "out", "simulator", "EcsBlueGreen.Simulator.dll");

        /// <summary>This host's own executable (the runner loads it without shadow copies).</summary>
        public static string HostExecutable => typeof(ModuleLayout).Assembly.Location;

        public static string HostFolder => Path.GetDirectoryName(HostExecutable)!;

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(HostFolder); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "build.ps1")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No repository above {HostFolder}; set ECSBG_NETFX_MODULE and ECSBG_NETFX_SIMULATOR.");
        }
    }
}
