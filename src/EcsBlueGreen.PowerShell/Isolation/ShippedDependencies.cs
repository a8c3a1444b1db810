using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>
    /// The files the Dependencies folder must hold. The build stamps them into this assembly from the
    /// project's own runtime references (see the csproj), so the list cannot drift from what is packaged.
    /// </summary>
    internal static class ShippedDependencies
    {
        internal const string MetadataKey = "EcsBlueGreen.Dependency";

        internal static IReadOnlyList<string> FileNames { get; } = typeof(ShippedDependencies).Assembly
            .GetCustomAttributes(typeof(AssemblyMetadataAttribute), false)
            .Cast<AssemblyMetadataAttribute>()
            .Where(a => a.Key == MetadataKey && !string.IsNullOrEmpty(a.Value))
            .Select(a => a.Value!)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToList();

        internal static void EnsurePresent(string folder)
        {
            var missing = FileNames.Where(n => !File.Exists(Path.Combine(folder, n))).ToList();
            if (missing.Count > 0)
            {
                throw new ModuleDependencyMissingException(folder, missing);
            }
        }
    }
}
