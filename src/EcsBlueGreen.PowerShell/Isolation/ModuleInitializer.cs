using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>
    /// Makes the module's dependencies (AWSSDK.*, System.Text.Json...) resolve from the module's own
    /// Dependencies folder, so they never clash with the versions other modules (AWS.Tools) loaded.
    /// The core library is deliberately kept out of the module root: the runtime cannot find it
    /// there, asks us, and we decide where it (and everything it needs) loads.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".",
            "Dependencies");

        private static bool IsCoreClr =>
            !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
                .StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport() => Install();

        /// <summary>
        /// Runs when the runtime loads this assembly, before PowerShell reflects over the cmdlets:
        /// their [OutputType] attributes name core types, so the resolver must already be in place
        /// (IModuleAssemblyInitializer.OnImport comes too late for that).
        /// </summary>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "A library module initializer is exactly what isolation needs: it runs before PowerShell reflects over the cmdlets.")]
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void InstallOnLoad() => Install();

        private static bool _installed;

        private static void Install()
        {
            if (_installed)
            {
                return;
            }

            _installed = true;
            if (IsCoreClr)
            {
                CoreClrIsolation.Install(DependencyFolder);
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveForDesktop;
            }
        }

        /// <summary>
        /// The resolver stays: assemblies cannot be unloaded, and a later Import-Module -Force of the
        /// same, still-loaded assembly does not run the initializers again.
        /// </summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
        }

        // Windows PowerShell 5.1 has one load context, so the best we can do is answer binding
        // failures (e.g. System.Memory 4.0.1.1 asked, 4.0.1.2 shipped) from our own folder.
        private static Assembly? ResolveForDesktop(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            var candidate = Path.Combine(DependencyFolder, name.Name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
