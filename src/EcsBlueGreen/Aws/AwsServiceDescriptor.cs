using System;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// Wire identity of a service, from the models' metadata (docs/aws-access.md, "Service identity").
    /// </summary>
    internal sealed class AwsServiceDescriptor
    {
        public static readonly AwsServiceDescriptor Ecs = new AwsServiceDescriptor(
            AwsServiceId.Ecs, "ECS", "ecs", "ecs", "AWS_ENDPOINT_URL_ECS", "AmazonEC2ContainerServiceV20141113");

        public static readonly AwsServiceDescriptor Ecr = new AwsServiceDescriptor(
            AwsServiceId.Ecr, "ECR", "api.ecr", "ecr", "AWS_ENDPOINT_URL_ECR", "AmazonEC2ContainerRegistry_V20150921");

        // awsQuery has no target prefix; the model has no signingName, so the endpoint prefix signs.
        public static readonly AwsServiceDescriptor ElasticLoadBalancingV2 = new AwsServiceDescriptor(
            AwsServiceId.ElasticLoadBalancingV2, "ELBv2", "elasticloadbalancing", "elasticloadbalancing",
            "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", null);

        private AwsServiceDescriptor(AwsServiceId id, string displayName, string endpointPrefix, string signingName,
            string endpointVariable, string? targetPrefix)
        {
            Id = id;
            DisplayName = displayName;
            EndpointPrefix = endpointPrefix;
            SigningName = signingName;
            EndpointVariable = endpointVariable;
            TargetPrefix = targetPrefix;
        }

        public AwsServiceId Id { get; }
        public string DisplayName { get; }
        public string EndpointPrefix { get; }
        public string SigningName { get; }
        /// <summary>The service-specific AWS_ENDPOINT_URL_* variable (SDK naming: service id, upper snake case).</summary>
        public string EndpointVariable { get; }
        public string? TargetPrefix { get; }

        public static AwsServiceDescriptor For(AwsServiceId id)
        {
            switch (id)
            {
                case AwsServiceId.Ecs: return Ecs;
                case AwsServiceId.Ecr: return Ecr;
                case AwsServiceId.ElasticLoadBalancingV2: return ElasticLoadBalancingV2;
                default: throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown service.");
            }
        }
    }
}
