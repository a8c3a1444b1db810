using Xunit;

namespace EcsBlueGreen.NetFramework.Runtime
{
    /// <summary>Tests that change process-wide .NET Framework settings (ServicePointManager) run alone.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessWideCollection
    {
        public const string Name = "process-wide settings";
    }
}
