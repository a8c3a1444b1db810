using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using EcsBlueGreen.Simulator.Control;
using EcsBlueGreen.Simulator.Engine;
using EcsBlueGreen.Simulator.Protocol;
using EcsBlueGreen.Simulator.Registry;

namespace EcsBlueGreen.Simulator;

/// <summary>
/// Kestrel on 127.0.0.1 only, serving the AWS endpoint, the registry and the control surface.
/// Used by Program and, in-process, by the tests.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Ticker ticker;

    private SimulatorHost(WebApplication app, Simulation simulation, Ticker ticker, int port)
    {
        this.app = app;
        this.ticker = ticker;
        Simulation = simulation;
        Port = port;
    }

    public Simulation Simulation { get; }
    public int Port { get; }
    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, TimeProvider? wallClock = null)
    {
        var clock = wallClock ?? TimeProvider.System;
        var simulation = new Simulation(options, clock);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port, listen => listen.Use(next => async connection =>
            {
                simulation.Connections.Opened(connection.ConnectionId);
                try { await next(connection); }
                finally { simulation.Connections.Closed(connection.ConnectionId); }
            }));
            k.Limits.MaxRequestBodySize = 512L * 1024 * 1024;
        });
        var app = builder.Build();

        var aws = new AwsEndpoint(simulation);
        app.MapPost("/", aws.Handle);
        var registry = new RegistryEndpoint(simulation);
        app.Map("/v2", registry.Handle);
        app.Map("/v2/{**path}", registry.Handle);
        ControlEndpoints.Map(app, simulation);
        NativeControlEndpoints.Map(app, simulation);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var ticker = new Ticker(simulation, options.TickMilliseconds);
        return new SimulatorHost(app, simulation, ticker, port);
    }

    public async ValueTask DisposeAsync()
    {
        await ticker.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        Simulation.ListenerPorts.Dispose();
    }
}
