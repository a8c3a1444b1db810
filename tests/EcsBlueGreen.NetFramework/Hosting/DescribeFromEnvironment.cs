using EcsBlueGreen.Ecs;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>What the child host does after importing: one signed call with everything taken from the
    /// process environment (AWS_ACCESS_KEY_ID, AWS_REGION, AWS_ENDPOINT_URL...).</summary>
    internal static class DescribeFromEnvironment
    {
        public static async Task<string> RunAsync()
        {
            using (var session = AwsSession.Resolve(new AwsConnectionOptions()))
            {
                var result = await session.CreateEcsClient().DescribeServicesAsync(SimulatorProcess.Cluster, new[] { SimulatorProcess.Service }, CancellationToken.None).ConfigureAwait(false);
                var service = result.Services.Single();
                return $"credentials={session.CredentialSource} region={session.Region} service={service.ServiceName} status={service.Status} running={service.RunningCount}/{service.DesiredCount}";
            }
        }
    }
}
