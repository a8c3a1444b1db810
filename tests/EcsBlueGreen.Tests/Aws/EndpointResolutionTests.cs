using System;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    public class EndpointResolutionTests
    {
        private static AwsSession Session(string region, string? endpointUrl, params (string Name, string Value)[] variables)
        {
            using var env = new TestEnvironment();
            foreach (var (name, value) in variables) env.Variables[name] = value;
            return AwsSession.Resolve(new AwsConnectionOptions { Region = region, AccessKey = "AKID", SecretKey = "secret", EndpointUrl = endpointUrl }, env.Build());
        }

        [Theory]
        [InlineData("eu-west-2", AwsServiceId.Ecs, "https://ecs.eu-west-2.amazonaws.com/")]
        [InlineData("eu-west-2", AwsServiceId.Ecr, "https://api.ecr.eu-west-2.amazonaws.com/")]
        [InlineData("eu-west-2", AwsServiceId.ElasticLoadBalancingV2, "https://elasticloadbalancing.eu-west-2.amazonaws.com/")]
        [InlineData("cn-north-1", AwsServiceId.Ecs, "https://ecs.cn-north-1.amazonaws.com.cn/")]
        [InlineData("cn-northwest-1", AwsServiceId.Ecr, "https://api.ecr.cn-northwest-1.amazonaws.com.cn/")]
        [InlineData("us-gov-west-1", AwsServiceId.Ecs, "https://ecs.us-gov-west-1.amazonaws.com/")]
        [InlineData("us-gov-east-1", AwsServiceId.ElasticLoadBalancingV2, "https://elasticloadbalancing.us-gov-east-1.amazonaws.com/")]
        public void Regional_endpoint_follows_the_partition(string region, AwsServiceId service, string expected)
        {
            using var session = Session(region, null);
            Assert.Equal(new Uri(expected), session.GetEndpoint(service));
            Assert.Null(session.EndpointUrl);
        }

        [Fact]
        public void Explicit_endpoint_wins_over_every_variable()
        {
            using var session = Session("eu-west-2", "http://127.0.0.1:5000",
                ("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:6000"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:7000"));
            Assert.Equal(new Uri("http://127.0.0.1:5000/"), session.GetEndpoint(AwsServiceId.Ecs));
            Assert.Equal(new Uri("http://127.0.0.1:5000/"), session.GetEndpoint(AwsServiceId.ElasticLoadBalancingV2));
            Assert.Equal("http://127.0.0.1:5000", session.EndpointUrl);
        }

        [Fact]
        public void Service_variable_wins_over_the_general_one()
        {
            using var session = Session("eu-west-2", null,
                ("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:6001"),
                ("AWS_ENDPOINT_URL_ECR", "http://127.0.0.1:6002"),
                ("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://127.0.0.1:6003"),
                ("AWS_ENDPOINT_URL", "http://127.0.0.1:7000"));
            Assert.Equal(6001, session.GetEndpoint(AwsServiceId.Ecs).Port);
            Assert.Equal(6002, session.GetEndpoint(AwsServiceId.Ecr).Port);
            Assert.Equal(6003, session.GetEndpoint(AwsServiceId.ElasticLoadBalancingV2).Port);
        }

        [Fact]
        public void General_variable_applies_to_services_without_their_own()
        {
            using var session = Session("eu-west-2", null, ("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:6001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:7000"));
            Assert.Equal(6001, session.GetEndpoint(AwsServiceId.Ecs).Port);
            Assert.Equal(7000, session.GetEndpoint(AwsServiceId.Ecr).Port);
            Assert.Equal(7000, session.GetEndpoint(AwsServiceId.ElasticLoadBalancingV2).Port);
        }

        [Fact]
        public void Ignore_configured_endpoint_urls_turns_variables_off()
        {
            using var session = Session("eu-west-2", null, ("AWS_ENDPOINT_URL", "http://127.0.0.1:7000"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
            Assert.Equal(new Uri("https://ecs.eu-west-2.amazonaws.com/"), session.GetEndpoint(AwsServiceId.Ecs));
        }

        [Fact]
        public void Malformed_endpoint_is_a_configuration_error()
        {
            var error = Assert.Throws<AwsConfigurationException>(() => Session("eu-west-2", "not a url"));
            Assert.Equal(ErrorIds.AwsEndpointInvalid.Id, error.ErrorId);
            Assert.Contains("-EndpointUrl", error.Message);
        }
    }
}
