using System;
using System.IO;
using System.Reflection;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>
    /// Windows PowerShell 5.1 path: one load context and no binding redirects for a module, so the best
    /// we can do is answer the binding failures for what we ship from our own folder.
    /// </summary>
    internal sealed class DesktopDependencyResolver
    {
        private readonly string _folder;

        public DesktopDependencyResolver(string folder)
        {
            _folder = folder;
        }

        public static void Install(string folder) =>
            AppDomain.CurrentDomain.AssemblyResolve += new DesktopDependencyResolver(folder).OnAssemblyResolve;

        /// <summary>
        /// The runtime asks only after neither the framework nor the application folder had that exact
        /// identity, so the shipped file is the answer whatever version was asked for: System.Text.Json
        /// 8 asks for System.Memory 4.0.1.2 and AWSSDK.Core for System.Text.Json 6.0.0.0, while we ship
        /// System.Memory 4.0.2.0 and System.Text.Json 8.0.0.0.
        /// </summary>
        public Assembly? Resolve(AssemblyName name)
        {
            // Satellite lookups (culture-specific resources) are expected to fail: we ship none.
            if (string.IsNullOrEmpty(name.Name) || !string.IsNullOrEmpty(name.CultureName))
            {
                return null;
            }

            var candidate = Path.Combine(_folder, name.Name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }

        private Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args) => Resolve(new AssemblyName(args.Name));
    }
}
