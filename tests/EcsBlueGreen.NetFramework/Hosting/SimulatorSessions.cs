using EcsBlueGreen.Aws;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>Sessions against the simulator with its keys given as parameters, as the Pester suite
    /// gives -AccessKey/-SecretKey; the real environment is never consulted.</summary>
    internal static class SimulatorSessions
    {
        public static AwsSession For(SimulatorProcess simulator, string secretKey = SimulatorProcess.SecretKey, AwsSessionSettings? settings = null) =>
            AwsSession.Resolve(
                new AwsConnectionOptions
                {
                    Region = SimulatorProcess.Region,
                    AccessKey = SimulatorProcess.AccessKey,
                    SecretKey = secretKey,
                    EndpointUrl = simulator.Endpoint,
                    MaxAttempts = 1,
                },
                EmptyEnvironment.Create(),
                settings ?? new AwsSessionSettings());
    }
}
