using System;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Ecs
{
    /// <summary>Builds the ECS client on a session: the session knows how to talk, this namespace knows ECS.</summary>
    public static class EcsClientFactory
    {
        public static IEcsApi CreateEcsClient(this AwsSession session)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            return new EcsClient(session.CreateJsonClient(AwsServiceDescriptor.Ecs));
        }
    }
}
