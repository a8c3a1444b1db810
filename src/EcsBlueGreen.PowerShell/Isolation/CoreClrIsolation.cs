using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>
    /// PowerShell 7 path: the core library and its dependencies load into a private
    /// AssemblyLoadContext. Kept in its own class so Windows PowerShell never JIT-compiles a
    /// method that mentions AssemblyLoadContext.
    /// </summary>
    internal static class CoreClrIsolation
    {
        private const string CoreAssemblyName = "EcsBlueGreen";
        private static DependencyLoadContext? _context;

        public static void Install(string dependencyFolder)
        {
            if (_context != null)
            {
                return;
            }

            _context = new DependencyLoadContext(dependencyFolder);
            AssemblyLoadContext.Default.Resolving += ResolveCore;
        }

        // Only the core library is handed over from the default context; everything it references
        // is then resolved by the private context itself.
        private static Assembly? ResolveCore(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            if (_context == null || !string.Equals(name.Name, CoreAssemblyName, StringComparison.Ordinal))
            {
                return null;
            }

            return _context.LoadFromAssemblyName(name);
        }

        private sealed class DependencyLoadContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public DependencyLoadContext(string folder)
            {
                _folder = folder;
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                var path = Path.Combine(_folder, assemblyName.Name + ".dll");
                if (!File.Exists(path))
                {
                    return null;
                }

                // Framework assemblies of the running .NET are newer than the netstandard2.0
                // packages we ship; let the default context give them, so there is one System.*.
                if (assemblyName.Name!.StartsWith("System.", StringComparison.Ordinal) || assemblyName.Name.StartsWith("Microsoft.Bcl.", StringComparison.Ordinal))
                {
                    try
                    {
                        return Default.LoadFromAssemblyName(assemblyName);
                    }
                    catch (FileNotFoundException)
                    {
                        // Not part of this runtime: ours it is.
                    }
                }

                return LoadFromAssemblyPath(path);
            }
        }
    }
}
