using System.Management.Automation;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>
    /// Import-Module's hooks. Everything is in <see cref="DependencyIsolation"/>, which names no
    /// PowerShell type.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyIsolation.Import();

        /// <summary>
        /// The resolver stays: assemblies cannot be unloaded, and a later Import-Module -Force of the
        /// same, still-loaded assembly does not run the initializers again.
        /// </summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
        }
    }
}
