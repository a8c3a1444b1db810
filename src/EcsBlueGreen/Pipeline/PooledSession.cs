using System;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;

namespace EcsBlueGreen.Pipeline
{
    /// <summary>One session of an <see cref="AwsSessionPool"/>, the connection it stands for, and its ECS client (made once).</summary>
    public sealed class PooledSession
    {
        private readonly Lazy<IEcsApi> _ecs;

        internal PooledSession(AwsConnection connection, AwsSession session)
        {
            Connection = connection;
            Session = session;
            _ecs = new Lazy<IEcsApi>(session.CreateEcsClient);
        }

        public AwsConnection Connection { get; }

        public AwsSession Session { get; }

        /// <summary>The one ECS client of this session: every deployment of the connection goes through it, so their calls batch.</summary>
        public IEcsApi Ecs => _ecs.Value;
    }
}
