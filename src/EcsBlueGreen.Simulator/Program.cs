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

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
return 0;
