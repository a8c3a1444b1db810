using System.Management.Automation;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>
    /// Import-Module's hooks. The isolation is in <see cref="DependencyIsolation"/>, which names no
    /// PowerShell type; the session-visible type names are in <see cref="SessionTypeNames"/>.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
            DependencyIsolation.Import();
            SessionTypeNames.Register();
        }

        /// <summary>
        /// The resolver stays (assemblies cannot be unloaded); the type names go with the module.
        /// </summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => SessionTypeNames.Unregister();
    }
}
