using System;
using System.Collections.Generic;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>The module's Dependencies folder lacks files the module was built with.</summary>
    public sealed class ModuleDependencyMissingException : Exception
    {
        public ModuleDependencyMissingException(string folder, IReadOnlyList<string> missingFiles)
            : base($"EcsBlueGreen cannot load: {string.Join(", ", missingFiles)} {(missingFiles.Count == 1 ? "is" : "are")} missing from the module's folder {folder}. " +
                   "The installation is incomplete; reinstall the module (Install-PSResource EcsBlueGreen -Reinstall, or Install-Module EcsBlueGreen -Force).")
        {
            Folder = folder;
            MissingFiles = missingFiles;
        }

        public string Folder { get; }

        public IReadOnlyList<string> MissingFiles { get; }
    }
}
