using EcsBlueGreen.Aws;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    /// <summary>Region precedence, case by case: each case removes the winner of the one before.</summary>
    public class RegionResolutionTests
    {
        private const string Config = "[default]\nregion = ap-southeast-2\n[profile named]\nregion = eu-north-1\n[profile stored]\nregion = sa-east-1\n[profile envprofile]\nregion = ca-central-1\n";
        private const string Credentials = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n[named]\naws_access_key_id = AKIDNAMED\naws_secret_access_key = s2\n" +
                                           "[stored]\naws_access_key_id = AKIDSTORED\naws_secret_access_key = s3\n[envprofile]\naws_access_key_id = AKIDENV\naws_secret_access_key = s4\n";

        [Theory]
        [InlineData(8, "us-east-2")]     // -Region
        [InlineData(7, "eu-north-1")]    // -ProfileName's region
        [InlineData(6, "us-west-1")]     // $StoredAWSRegion
        [InlineData(5, "sa-east-1")]     // $StoredAWSCredentials profile's region
        [InlineData(4, "eu-west-3")]     // AWS_REGION
        [InlineData(3, "eu-south-1")]    // AWS_DEFAULT_REGION
        [InlineData(2, "ca-central-1")]  // AWS_PROFILE's region
        [InlineData(1, "ap-southeast-2")] // default profile's region
        public void First_source_present_wins(int sourcesPresent, string expected)
        {
            using var env = new TestEnvironment().WithCredentials(Credentials).WithConfig(Config);
            var options = new AwsConnectionOptions();
            if (sourcesPresent >= 2) env.Variables["AWS_PROFILE"] = "envprofile";
            if (sourcesPresent >= 3) env.Variables["AWS_DEFAULT_REGION"] = "eu-south-1";
            if (sourcesPresent >= 4) env.Variables["AWS_REGION"] = "eu-west-3";
            if (sourcesPresent >= 5) options.StoredCredentials = "stored";
            if (sourcesPresent >= 6) options.StoredRegion = "us-west-1";
            if (sourcesPresent >= 7) options.ProfileName = "named";
            if (sourcesPresent >= 8) options.Region = "us-east-2";

            using var session = AwsSession.Resolve(options, env.Build());

            Assert.Equal(expected, session.Region);
        }

        [Fact]
        public void Missing_region_names_every_way_to_set_one()
        {
            using var env = new TestEnvironment();
            var error = Assert.Throws<AwsConfigurationException>(() =>
                AwsSession.Resolve(new AwsConnectionOptions { AccessKey = "AKID", SecretKey = "secret" }, env.Build()));

            Assert.Equal(ErrorIds.AwsRegionMissing.Id, error.ErrorId);
            Assert.Contains("-Region", error.Message);
            Assert.Contains("Set-DefaultAWSRegion", error.Message);
            Assert.Contains("$StoredAWSRegion", error.Message);
            Assert.Contains("AWS_REGION", error.Message);
            Assert.Contains("AWS_DEFAULT_REGION", error.Message);
            Assert.Contains("profile", error.Message);
            Assert.DoesNotContain("secret", error.Message);
        }
    }
}
