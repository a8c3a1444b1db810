namespace EcsBlueGreen.Simulator.Tests.Infrastructure;

public sealed class AwsError(int status, string code, string message) : Exception($"{status} {code}: {message}")
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}
