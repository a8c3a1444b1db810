using System.Globalization;
using EcsBlueGreen.Simulator.Faults;

namespace EcsBlueGreen.Simulator;

/// <summary>The command line (docs/simulator.md lists every option).</summary>
public sealed class SimulatorOptions
{
    public int Port { get; set; }

    /// <summary>Simulated seconds per wall second; 0 = manual clock (only /_simulator/advance moves time).</summary>
    public double TimeScale { get; set; } = 1;

    public string Scenario { get; set; } = "seed";

    /// <summary>Extra fleet services (fleet-01..fleet-NN) added to the scenario's cluster.</summary>
    public int FleetServices { get; set; }

    public string AccessKey { get; set; } = "AKIAIOSFODNN7EXAMPLE";
    public string SecretKey { get; set; } = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public int Seed { get; set; } = 1;
    public FaultSettings Faults { get; set; } = new();
    public bool ServiceDeploymentsApiDenied { get; set; }
    public bool EnforceRateLimits { get; set; }
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Wall milliseconds between engine ticks when the clock runs by itself.</summary>
    public int TickMilliseconds { get; set; } = 50;

    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SimulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Num() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--port": o.Port = (int)Num(); break;
                case "--time-scale": o.TimeScale = Num(); break;
                case "--scenario": o.Scenario = Next(); break;
                case "--services": o.FleetServices = (int)Num(); break;
                case "--access-key": o.AccessKey = Next(); break;
                case "--secret-key": o.SecretKey = Next(); break;
                case "--seed": o.Seed = (int)Num(); break;
                case "--fault-throttle": o.Faults.Throttle = Num(); break;
                case "--fault-5xx": o.Faults.ServerError = Num(); break;
                case "--fault-drop": o.Faults.Drop = Num(); break;
                case "--fault-latency-ms": o.Faults.LatencyMs = (int)Num(); break;
                case "--no-service-deployments-api": o.ServiceDeploymentsApiDenied = true; break;
                case "--enforce-rate-limits": o.EnforceRateLimits = true; break;
                case "--start-time": o.StartTime = DateTimeOffset.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--tick-ms": o.TickMilliseconds = (int)Num(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return o;
    }
}
