using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    /// <summary>
    /// The credential precedence table, case by case: each case keeps every lower source present and removes
    /// the sources above, so the expected winner proves its place in the order. No case touches the network.
    /// </summary>
    public class CredentialPrecedenceTests
    {
        private const string Credentials =
            "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = secret-default\n" +
            "[named]\naws_access_key_id = AKIDNAMED\naws_secret_access_key = secret-named\n" +
            "[stored]\naws_access_key_id = AKIDSTOREDPROFILE\naws_secret_access_key = secret-stored\n" +
            "[envprofile]\naws_access_key_id = AKIDENVPROFILE\naws_secret_access_key = secret-envprofile\n";

        /// <summary>An AWSCredentials look-alike from "another load context": only the method names match.</summary>
        public sealed class ForeignCredentials
        {
            public object GetCredentials() => new { AccessKey = "AKIDFOREIGN", SecretKey = "secret-foreign", Token = "token-foreign" };
        }

        /// <summary>What AWS.Tools puts in $StoredAWSCredentials: a wrapper holding the credentials.</summary>
        public sealed class StoredWrapper
        {
            public AWSCredentials Credentials { get; } = new BasicAWSCredentials("AKIDSTOREDOBJECT", "secret-stored-object");
        }

        [Theory]
        [InlineData(9, "-Credential", "AKIDFOREIGN")]
        [InlineData(8, "parameters", "AKIDPARAMS")]
        [InlineData(7, "profile named", "AKIDNAMED")]
        [InlineData(6, "$StoredAWSCredentials", "AKIDSTOREDOBJECT")]
        [InlineData(5, "$StoredAWSCredentials (profile stored)", "AKIDSTOREDPROFILE")]
        [InlineData(4, "environment", "AKIDENVKEYS")]
        [InlineData(3, "profile envprofile (AWS_PROFILE)", "AKIDENVPROFILE")]
        [InlineData(2, "profile default", "AKIDDEFAULT")]
        public async Task First_source_present_wins(int sourcesPresent, string expectedSource, string expectedAccessKey)
        {
            using var env = new TestEnvironment().WithCredentials(Credentials);
            env.Variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/never-called"; // 1: container, always present below
            var options = new AwsConnectionOptions { Region = "eu-west-2" };
            if (sourcesPresent < 2) File.Delete(env.CredentialsFile);
            if (sourcesPresent >= 3) env.Variables["AWS_PROFILE"] = "envprofile";
            if (sourcesPresent >= 4) { env.Variables["AWS_ACCESS_KEY_ID"] = "AKIDENVKEYS"; env.Variables["AWS_SECRET_ACCESS_KEY"] = "secret-env"; }
            if (sourcesPresent >= 5) options.StoredCredentials = "stored";
            if (sourcesPresent >= 6) options.StoredCredentials = new StoredWrapper();
            if (sourcesPresent >= 7) options.ProfileName = "named";
            if (sourcesPresent >= 8) { options.AccessKey = "AKIDPARAMS"; options.SecretKey = "secret-params"; }
            if (sourcesPresent >= 9) options.Credential = new ForeignCredentials();

            using var session = AwsSession.Resolve(options, env.Build());

            Assert.Equal(expectedSource, session.CredentialSource);
            var credentials = await session.GetCredentialsAsync(CancellationToken.None);
            Assert.Equal(expectedAccessKey, credentials.AccessKey);
        }

        [Fact]
        public void Container_credentials_come_before_the_instance_profile_and_are_not_fetched_at_resolve()
        {
            using var env = new TestEnvironment();
            env.Variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/never-called";
            using var session = AwsSession.Resolve(new AwsConnectionOptions { Region = "eu-west-2" }, env.Build());
            Assert.Equal("container", session.CredentialSource);
        }

        [Fact]
        public void Instance_profile_is_last_and_only_when_metadata_is_enabled()
        {
            using var env = new TestEnvironment();
            env.Variables.Remove("AWS_EC2_METADATA_DISABLED");
            using var session = AwsSession.Resolve(new AwsConnectionOptions { Region = "eu-west-2" }, env.Build());
            // Resolution names it without calling the metadata address (fetching would be lazy).
            Assert.Equal("instance profile", session.CredentialSource);
        }

        [Fact]
        public void Nothing_found_is_a_clear_error()
        {
            using var env = new TestEnvironment();
            var error = Assert.Throws<AwsConfigurationException>(() => AwsSession.Resolve(new AwsConnectionOptions { Region = "eu-west-2" }, env.Build()));
            Assert.Equal(ErrorIds.AwsCredentialsMissing.Id, error.ErrorId);
            Assert.Contains("-ProfileName", error.Message);
            Assert.Contains("AWS_ACCESS_KEY_ID", error.Message);
        }

        [Fact]
        public async Task Session_token_parameter_travels_with_the_keys()
        {
            using var env = new TestEnvironment();
            using var session = AwsSession.Resolve(new AwsConnectionOptions
            {
                Region = "eu-west-2", AccessKey = "AKIDPARAMS", SecretKey = "secret", SessionToken = "token-params",
            }, env.Build());
            Assert.Equal("token-params", (await session.GetCredentialsAsync(CancellationToken.None)).SessionToken);
        }

        [Fact]
        public void Unknown_profile_is_a_clear_error()
        {
            using var env = new TestEnvironment().WithCredentials(Credentials);
            var error = Assert.Throws<AwsConfigurationException>(() =>
                AwsSession.Resolve(new AwsConnectionOptions { Region = "eu-west-2", ProfileName = "nope" }, env.Build()));
            Assert.Equal(ErrorIds.AwsProfileNotFound.Id, error.ErrorId);
            Assert.Contains("'nope'", error.Message);
        }

        [Fact]
        public async Task Profile_location_names_the_credentials_file_to_read()
        {
            using var env = new TestEnvironment();
            var elsewhere = Path.Combine(env.Home, "elsewhere-credentials");
            File.WriteAllText(elsewhere, "[team]\naws_access_key_id = AKIDELSEWHERE\naws_secret_access_key = s\nregion = us-west-2\n");
            using var session = AwsSession.Resolve(new AwsConnectionOptions { ProfileName = "team", ProfileLocation = elsewhere }, env.Build());
            Assert.Equal("profile team", session.CredentialSource);
            Assert.Equal("AKIDELSEWHERE", (await session.GetCredentialsAsync(CancellationToken.None)).AccessKey);
        }

        [Fact]
        public void Credential_that_is_not_credentials_is_rejected()
        {
            using var env = new TestEnvironment();
            var error = Assert.Throws<AwsConfigurationException>(() =>
                AwsSession.Resolve(new AwsConnectionOptions { Region = "eu-west-2", Credential = 42 }, env.Build()));
            Assert.Equal(ErrorIds.AwsCredentialObjectInvalid.Id, error.ErrorId);
        }
    }
}
