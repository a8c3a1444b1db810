using System;
using System.Collections.Generic;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Pipeline;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// One ECS client per distinct connection among the objects of an invocation, so a fleet wait
    /// across accounts and regions batches per account, region and cluster.
    /// </summary>
    internal sealed class EcsClientCache
    {
        private readonly Func<AwsConnection?, AwsConnectionOptions> _optionsFor;
        private readonly Func<AwsConnectionOptions, AwsSession> _resolve;
        private readonly Dictionary<string, (AwsSession Session, IEcsApi Ecs)> _clients = new Dictionary<string, (AwsSession, IEcsApi)>(StringComparer.Ordinal);

        public EcsClientCache(Func<AwsConnection?, AwsConnectionOptions> optionsFor, Func<AwsConnectionOptions, AwsSession> resolve)
        {
            _optionsFor = optionsFor;
            _resolve = resolve;
        }

        public (AwsSession Session, IEcsApi Ecs) For(AwsConnection? connection)
        {
            var options = _optionsFor(connection);
            var key = $"{options.Region}|{options.EndpointUrl}|{options.ProfileName}|{options.ProfileLocation}|{options.AccessKey}|{connection?.GetHashCode()}";
            if (!_clients.TryGetValue(key, out var entry))
            {
                var session = _resolve(options);
                entry = (session, session.CreateEcsClient());
                _clients[key] = entry;
            }

            return entry;
        }

        public IEcsApi EcsFor(EcsDeployment deployment) => For(deployment.Connection).Ecs;

        /// <summary>Stamps where an object came from, so the next cmdlet talks to the same place.</summary>
        public void Attach(EcsDeployment deployment, AwsConnection? upstream)
        {
            var options = _optionsFor(upstream);
            var session = For(upstream).Session;
            deployment.Connection = AwsConnection.From(options, session);
            deployment.Region = session.Region;
            deployment.EndpointUrl = options.EndpointUrl;
            deployment.ProfileName = options.ProfileName;
        }
    }
}
