using System;
using System.Threading.Tasks;
using EcsBlueGreen.NetFramework.Hosting;

namespace EcsBlueGreen.NetFramework
{
    /// <summary>
    /// The host run as a program, by the tests that need a clean process:
    /// <c>describe MODULE-FOLDER</c> imports the module from that folder, then, as a cmdlet given no
    /// AWS parameters would, resolves credentials, region and endpoint from the real process
    /// environment and calls DescribeServices for the seed service. Exit 0 with the result on stdout;
    /// 2 when the import fails, 3 when the call does, with the exception on stderr.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length != 2 || args[0] != "describe")
            {
                Console.Error.WriteLine("usage: EcsBlueGreen.NetFramework.exe describe MODULE-FOLDER   (the tests run under xunit.console)");
                return 64;
            }

            try
            {
                WindowsPowerShellImport.Import(args[1]);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"import failed: {ex.GetType().FullName}: {ex.Message}");
                return 2;
            }

            try
            {
                // A separate method: compiling it needs the core, which is loadable only after the import.
                Console.Out.WriteLine(DescribeFromEnvironment.RunAsync().GetAwaiter().GetResult());
                return 0;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"call failed: {ex}");
                return 3;
            }
        }
    }
}
