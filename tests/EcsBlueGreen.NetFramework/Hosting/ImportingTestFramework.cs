using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("EcsBlueGreen.NetFramework.Hosting.ImportingTestFramework", "EcsBlueGreen.NetFramework")]

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>
    /// xunit creates its test framework before it reflects over the test classes, several of which
    /// implement or hold core types: importing the module here is what makes the core loadable at all,
    /// as Import-Module does for a Windows PowerShell session.
    /// </summary>
    public sealed class ImportingTestFramework : XunitTestFramework
    {
        public ImportingTestFramework(IMessageSink messageSink)
            : base(messageSink)
        {
            WindowsPowerShellImport.Import(ModuleLayout.ModuleFolder);
        }
    }
}
