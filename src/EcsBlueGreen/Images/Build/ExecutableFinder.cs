using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace EcsBlueGreen.Images
{
    /// <summary>Finds a program on PATH (with PATHEXT on Windows), as a shell would.</summary>
    internal static class ExecutableFinder
    {
        public static string? Find(string name)
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? "";
            bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            string[] extensions = windows ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';') : new[] { "" };
            foreach (string dir in path.Split(Path.PathSeparator).Where(d => d.Length > 0))
                foreach (string ext in extensions)
                {
                    string candidate = Path.Combine(dir.Trim('"'), name + ext.ToLowerInvariant());
                    if (File.Exists(candidate)) return candidate;
                }
            return null;
        }
    }
}
