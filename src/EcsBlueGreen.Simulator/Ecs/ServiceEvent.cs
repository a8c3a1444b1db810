namespace EcsBlueGreen.Simulator.Ecs;

public sealed record ServiceEvent(string Id, DateTimeOffset CreatedAt, string Message);
