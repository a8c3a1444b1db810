using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Protocol;

/// <summary>What an operation handler sees: the world (gate held), the caller and the HTTP request.</summary>
public sealed record OperationContext(Simulation Simulation, World World, SigV4Verifier.Identity Identity, HttpRequest Request, string RequestId)
{
    /// <summary>Where the simulator itself is reachable (the registry's proxyEndpoint).</summary>
    public string SelfEndpoint => $"{Request.Scheme}://{Request.Host}";
}

public delegate JsonObject JsonOperation(OperationContext context, JsonObject input);
