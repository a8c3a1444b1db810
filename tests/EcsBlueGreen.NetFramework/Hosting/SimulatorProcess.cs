using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>
    /// The bundled simulator as its own .NET process (`dotnet EcsBlueGreen.Simulator.dll --port 0`), so
    /// everything this host sends crosses a real socket from the .NET Framework HTTP stack.
    /// </summary>
    public sealed class SimulatorProcess : IDisposable
    {
        public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
        public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        public const string Region = "eu-west-2";
        public const string Cluster = "myservice";
        public const string Service = "myservice-myapplication";
        public const string Repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication";

        private static readonly Regex Listening = new Regex(@"^Listening on (http://127\.0\.0\.1:\d+)");
        private readonly Process _process;
        private readonly HttpClient _control = new HttpClient();

        public SimulatorProcess()
        {
            var info = new ProcessStartInfo("dotnet", $"\"{ModuleLayout.SimulatorPath}\" --port 0 --time-scale 60 --scenario seed")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardInput = true,
            };
            _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
            for (string? line; (line = _process.StandardOutput.ReadLine()) != null;)
            {
                var match = Listening.Match(line);
                if (match.Success)
                {
                    Endpoint = match.Groups[1].Value;
                    return;
                }
            }

            throw new InvalidOperationException($"The simulator at {ModuleLayout.SimulatorPath} exited before listening.");
        }

        public string Endpoint { get; } = "";

        /// <summary>A fresh seed world and zeroed request counts.</summary>
        public async Task ResetAsync()
        {
            await PostAsync("/_simulator/scenario/seed").ConfigureAwait(false);
            await PostAsync("/_simulator/requests/reset").ConfigureAwait(false);
        }

        /// <summary>The simulator's request counts, as JSON text ({"ECS.DescribeServices":3,...}).</summary>
        public Task<string> RequestCountsAsync() => _control.GetStringAsync(Endpoint + "/_simulator/requests");

        private async Task PostAsync(string path)
        {
            using (var response = await _control.PostAsync(Endpoint + path, new StringContent("")).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
            }
        }

        public void Dispose()
        {
            _control.Dispose();
            try
            {
                if (!_process.HasExited) _process.Kill();
                _process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
        }
    }
}
