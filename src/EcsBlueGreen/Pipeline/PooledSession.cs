using System;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Elb;

namespace EcsBlueGreen.Pipeline
{
    /// <summary>One session of an <see cref="AwsSessionPool"/>, the connection it stands for, and its ECS client (made once).</summary>
    public sealed class PooledSession
    {
        private readonly Lazy<IEcsApi> _ecs;
        private readonly Lazy<IElbApi> _elb;

        internal PooledSession(AwsConnection connection, AwsSession session)
        {
            Connection = connection;
            Session = session;
            _ecs = new Lazy<IEcsApi>(session.CreateEcsClient);
            _elb = new Lazy<IElbApi>(session.CreateElbClient);
        }

        public AwsConnection Connection { get; }

        public AwsSession Session { get; }

        /// <summary>The one ECS client of this session: every deployment of the connection goes through it, so their calls batch.</summary>
        public IEcsApi Ecs => _ecs.Value;

        /// <summary>The ELBv2 client of this session (target health and attributes for the drain phase).</summary>
        public IElbApi Elb => _elb.Value;
    }
}
