using System;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Elb
{
    /// <summary>Builds the ELBv2 client on a session: the session knows how to talk, this namespace knows ELBv2.</summary>
    public static class ElbClientFactory
    {
        public static IElbApi CreateElbClient(this AwsSession session)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            return new ElbClient(session.CreateQueryClient(AwsServiceDescriptor.ElasticLoadBalancingV2, ElbClient.ApiVersion));
        }
    }
}
