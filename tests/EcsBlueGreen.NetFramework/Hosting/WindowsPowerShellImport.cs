using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>
    /// Imports the packaged module as Windows PowerShell 5.1's Import-Module does, less PowerShell:
    /// the root assembly is loaded with LoadFrom; the first touch of its code runs its module
    /// initializer, which installs the module's AssemblyResolve handler for Dependencies/; then
    /// IModuleAssemblyInitializer.OnImport runs. That class implements a System.Management.Automation
    /// interface, which Mono does not have, and is a one-line forward to DependencyIsolation.Import,
    /// so this calls DependencyIsolation.Import itself. Nothing here names a type of the core: the
    /// core is not loadable until this has run.
    /// </summary>
    internal static class WindowsPowerShellImport
    {
        public const string RootAssemblyFile = "EcsBlueGreen.PowerShell.dll";
        private const string IsolationType = "EcsBlueGreen.PowerShell.Isolation.DependencyIsolation";
        private static readonly object Gate = new object();
        private static string? _importedFrom;

        /// <summary>The folder imported in this process; one module per process, as assemblies stay loaded.</summary>
        public static string? ImportedFrom
        {
            get { lock (Gate) return _importedFrom; }
        }

        public static void Import(string moduleFolder)
        {
            lock (Gate)
            {
                if (_importedFrom != null)
                {
                    if (string.Equals(_importedFrom, moduleFolder, StringComparison.Ordinal)) return;
                    throw new InvalidOperationException($"This process already imported the module from {_importedFrom}.");
                }

                var root = Assembly.LoadFrom(Path.Combine(moduleFolder, RootAssemblyFile));
                RuntimeHelpers.RunModuleConstructor(root.ManifestModule.ModuleHandle);
                var isolation = root.GetType(IsolationType, throwOnError: true)!;
                var import = isolation.GetMethod("Import", BindingFlags.Static | BindingFlags.NonPublic)
                             ?? throw new MissingMethodException(IsolationType, "Import");
                try
                {
                    import.Invoke(null, null);
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                }

                _importedFrom = moduleFolder;
            }
        }
    }
}
