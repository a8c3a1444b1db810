using Xunit;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>One simulator for every class that talks to it; they run one after another because
    /// they share its world.</summary>
    [CollectionDefinition(Name)]
    public sealed class SimulatorCollection : ICollectionFixture<SimulatorProcess>
    {
        public const string Name = "simulator";
    }
}
