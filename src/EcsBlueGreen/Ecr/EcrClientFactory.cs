using System;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Ecr
{
    /// <summary>Builds the ECR API client on a session: the session knows how to talk, this namespace knows ECR.</summary>
    public static class EcrClientFactory
    {
        public static IEcrApi CreateEcrClient(this AwsSession session)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            return new EcrClient(session.CreateJsonClient(AwsServiceDescriptor.Ecr), session.Time);
        }
    }
}
