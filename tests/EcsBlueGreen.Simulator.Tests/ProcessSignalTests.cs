using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace EcsBlueGreen.Simulator.Tests;

/// <summary>
/// The simulator as a separate process, as the Pester harness and CI run it: SIGTERM and SIGINT end it
/// (exit code 0) and close its port, so a test run never leaves a serving orphan behind.
/// </summary>
public class ProcessSignalTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    // Generous: the bound only turns "never exits" into a failure instead of a hung run.
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(20);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Theory]
    [InlineData(SigTerm)]
    [InlineData(SigInt)]
    public async Task A_signal_ends_the_process_and_closes_its_port(int signal)
    {
        using var process = StartSimulator();
        try
        {
            var port = await ReadListeningPortAsync(process);
            Assert.True(CanConnect(port), "the simulator should be serving before the signal");

            Assert.Equal(0, Kill(process.Id, signal));
            using var bound = new CancellationTokenSource(ExitBound);
            var exited = await WaitForExitAsync(process, bound.Token);

            Assert.True(exited, $"the simulator was still running {ExitBound.TotalSeconds:0} s after signal {signal}");
            Assert.Equal(0, process.ExitCode);
            Assert.False(CanConnect(port), "the port is still open after the simulator exited");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }

    private static Process StartSimulator()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "EcsBlueGreen.Simulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.ArgumentList.Add("--scenario");
        start.ArgumentList.Add("empty");
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static async Task<int> ReadListeningPortAsync(Process process)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(bound.Token);
            if (line == null)
            {
                throw new InvalidOperationException("The simulator ended before listening: " + await process.StandardError.ReadToEndAsync());
            }

            var match = Regex.Match(line, @"^Listening on http://127\.0\.0\.1:(\d+)");
            if (match.Success)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private static async Task<bool> WaitForExitAsync(Process process, CancellationToken bound)
    {
        try
        {
            await process.WaitForExitAsync(bound);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool CanConnect(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
