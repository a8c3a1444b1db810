using System.Runtime.InteropServices;
using EcsBlueGreen.Simulator;

SimulatorOptions options;
try
{
    options = SimulatorOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"EcsBlueGreen.Simulator: {e.Message}");
    Console.Error.WriteLine("usage: EcsBlueGreen.Simulator [--port N] [--time-scale X] [--scenario seed|fleet20|fleet2x2|fleet100|empty] [--services N] [--seed N]");
    Console.Error.WriteLine("       [--access-key K --secret-key S] [--fault-throttle R] [--fault-5xx R] [--fault-drop R] [--fault-latency-ms MS]");
    Console.Error.WriteLine("       [--no-service-deployments-api] [--enforce-rate-limits] [--start-time ISO] [--tick-ms MS]   (see docs/simulator.md)");
    return 2;
}

await using var host = await SimulatorHost.StartAsync(options);
Console.Out.WriteLine($"Listening on http://127.0.0.1:{host.Port}");
Console.Out.Flush();

// SIGTERM (what CI runners, docker stop and test harnesses send) and SIGINT (Ctrl+C) both end the
// serving: the handler only lets Main go on, so the host is disposed there, the port is closed and the
// process exits 0. Cancelling the runtime's default keeps it from tearing the process down before that.
var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
await stop.Task;
return 0;
