using System;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Pipeline;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// The ECS client for each object of an invocation: the object's connection merged with this
    /// invocation's parameters, then one pooled session per distinct result, so a fleet wait across
    /// accounts and regions batches per account, region and cluster. Disposing it ends those sessions.
    /// </summary>
    internal sealed class EcsClientCache : IDisposable
    {
        private readonly Func<AwsConnection?, AwsConnectionOptions> _optionsFor;
        private readonly AwsSessionPool _pool;

        public EcsClientCache(Func<AwsConnection?, AwsConnectionOptions> optionsFor, Func<AwsConnectionOptions, AwsSession> resolve)
        {
            _optionsFor = optionsFor;
            _pool = new AwsSessionPool(resolve);
        }

        public PooledSession For(AwsConnection? connection) => _pool.For(_optionsFor(connection));

        public IEcsApi EcsFor(EcsDeployment deployment) => For(deployment.Connection).Ecs;

        public Elb.IElbApi ElbFor(EcsDeployment deployment) => For(deployment.Connection).Elb;

        /// <summary>Stamps where an object came from, so the next cmdlet talks to the same place.</summary>
        public void Attach(EcsDeployment deployment, AwsConnection? upstream)
        {
            var connection = For(upstream).Connection;
            deployment.Connection = connection;
            deployment.Region = connection.Region;
            deployment.EndpointUrl = connection.EndpointUrlFor(AwsServiceId.Ecs);
            deployment.ProfileName = connection.ProfileName;
        }

        public void Dispose() => _pool.Dispose();
    }
}
