namespace EcsBlueGreen.Aws
{
    /// <summary>The AWS services this module talks to.</summary>
    public enum AwsServiceId
    {
        Ecs,
        Ecr,
        ElasticLoadBalancingV2,
    }
}
