using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>
    /// Makes the module's dependencies (AWSSDK.*, System.Text.Json...) resolve from the module's own
    /// Dependencies folder, so they never clash with the versions other modules (AWS.Tools) loaded.
    /// The core library is deliberately kept out of the module root: the runtime cannot find it
    /// there, asks us, and we decide where it (and everything it needs) loads.
    /// Names no PowerShell type, so a .NET Framework host without PowerShell can import the module
    /// exactly as Windows PowerShell does and prove this path.
    /// </summary>
    internal static class DependencyIsolation
    {
        internal static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(DependencyIsolation).Assembly.Location) ?? ".",
            "Dependencies");

        private static int _installed;

        /// <summary>
        /// Runs when the runtime first touches this assembly, before PowerShell 7 reflects over the
        /// cmdlets: their [OutputType] attributes name core types, so the resolver must already be in
        /// place (IModuleAssemblyInitializer.OnImport comes too late for that on PowerShell 7).
        /// </summary>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "A library module initializer is exactly what isolation needs: it runs before PowerShell reflects over the cmdlets.")]
        [ModuleInitializer]
        internal static void InstallOnLoad() => Install();

        /// <summary>What Import-Module runs (IModuleAssemblyInitializer.OnImport): the resolver, then a
        /// check that the folder is whole, so a damaged installation fails the import with the names of
        /// the missing files rather than a FileNotFoundException in the middle of a deployment.</summary>
        internal static void Import()
        {
            Install();
            ShippedDependencies.EnsurePresent(DependencyFolder);
        }

        private static void Install()
        {
            if (Interlocked.Exchange(ref _installed, 1) == 1)
            {
                return;
            }

            if (IsCoreClr)
            {
                InstallCoreClr();
            }
            else
            {
                DesktopDependencyResolver.Install(DependencyFolder);
            }
        }

        // Its own method, never inlined: compiling Install must not load CoreClrIsolation, whose field is
        // an AssemblyLoadContext (System.Runtime.Loader), which no .NET Framework has. Mono loads a
        // class's field types as soon as a caller is compiled, and fails the module initializer.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void InstallCoreClr() => CoreClrIsolation.Install(DependencyFolder);

        // AssemblyLoadContext exists on CoreCLR only. Asking for the core library's name rather than
        // parsing FrameworkDescription also sends Mono (".NET Framework" profile, "Mono 6.x" description)
        // down the Windows PowerShell branch, which is the one it can run.
        private static bool IsCoreClr =>
            string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);
    }
}
