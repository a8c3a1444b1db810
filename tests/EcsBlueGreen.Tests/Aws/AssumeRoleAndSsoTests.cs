using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    /// <summary>Assume-role and SSO profiles, answered by loopback stubs reached through AWS_ENDPOINT_URL_STS/_SSO.</summary>
    public class AssumeRoleAndSsoTests
    {
        private const string AssumeRoleXml =
            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>" +
            "<Credentials><AccessKeyId>ASIAASSUMED</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>" +
            "<SessionToken>assumed-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>" +
            "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/deployer/s</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser>" +
            "</AssumeRoleResult><ResponseMetadata><RequestId>stub-1</RequestId></ResponseMetadata></AssumeRoleResponse>";

        private const string AssumeRoleJson =
            "{\"Credentials\":{\"AccessKeyId\":\"ASIAASSUMED\",\"SecretAccessKey\":\"assumed-secret\",\"SessionToken\":\"assumed-token\",\"Expiration\":4070908800}," +
            "\"AssumedRoleUser\":{\"Arn\":\"arn:aws:sts::123456789012:assumed-role/deployer/s\",\"AssumedRoleId\":\"AROAEXAMPLE:s\"}}";

        private static (int, string, string) StsAnswer(StubRequest request) =>
            request.Headers.ContainsKey("X-Amz-Target")
                ? (200, "application/x-amz-json-1.0", AssumeRoleJson)
                : (200, "text/xml", AssumeRoleXml);

        [Fact]
        public async Task Assume_role_profile_calls_sts_with_the_source_profile_credentials()
        {
            using var sts = new LoopbackStub(StsAnswer);
            using var env = new TestEnvironment()
                .WithCredentials("[base]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = source-secret\n")
                .WithConfig("[profile deployer]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = base\nregion = eu-west-2\n");
            env.Variables["AWS_ENDPOINT_URL_STS"] = sts.Url;

            using var session = AwsSession.Resolve(new AwsConnectionOptions { ProfileName = "deployer" }, env.Build());
            var credentials = await session.GetCredentialsAsync(CancellationToken.None);

            Assert.Equal("profile deployer", session.CredentialSource);
            Assert.Equal("eu-west-2", session.Region);
            Assert.Equal("ASIAASSUMED", credentials.AccessKey);
            Assert.Equal("assumed-token", credentials.SessionToken);
            var call = Assert.Single(sts.Requests);
            Assert.Contains("AKIDSOURCE", call.Headers["Authorization"]);
            Assert.Contains("AssumeRole", call.Body + (call.Headers.TryGetValue("X-Amz-Target", out var t) ? t : ""));
            Assert.Contains("deployer", Uri.UnescapeDataString(call.Body));
        }

        [Fact]
        public async Task Assume_role_via_aws_profile_uses_the_general_endpoint_variable_too()
        {
            using var sts = new LoopbackStub(StsAnswer);
            using var env = new TestEnvironment()
                .WithCredentials("[base]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = source-secret\n")
                .WithConfig("[profile deployer]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = base\n");
            env.Variables["AWS_PROFILE"] = "deployer";
            env.Variables["AWS_REGION"] = "eu-west-1";
            env.Variables["AWS_ENDPOINT_URL"] = sts.Url;

            using var session = AwsSession.Resolve(new AwsConnectionOptions(), env.Build());
            var credentials = await session.GetCredentialsAsync(CancellationToken.None);

            Assert.Equal("profile deployer (AWS_PROFILE)", session.CredentialSource);
            Assert.Equal("ASIAASSUMED", credentials.AccessKey);
            Assert.Single(sts.Requests);
        }

        [Fact]
        public void Source_profile_loop_is_reported()
        {
            using var env = new TestEnvironment().WithConfig(
                "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n");
            var error = Assert.Throws<AwsConfigurationException>(() =>
                AwsSession.Resolve(new AwsConnectionOptions { ProfileName = "a", Region = "eu-west-2" }, env.Build()));
            Assert.Equal(ErrorIds.AwsProfileInvalid.Id, error.ErrorId);
        }

        private const string SsoConfig =
            "[profile sso-admin]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Deployer\nregion = eu-central-1\n" +
            "[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://corp.awsapps.com/start\nsso_registration_scopes = sso:account:access\n";

        private static void WriteSsoToken(TestEnvironment env, string cacheKey, DateTimeOffset expiresAt)
        {
            var cache = Path.Combine(env.Home, ".aws", "sso", "cache");
            Directory.CreateDirectory(cache);
            File.WriteAllText(Path.Combine(cache, EcsBlueGreen.Aws.Credentials.SsoFetcher.CacheFileName(cacheKey)),
                "{\"accessToken\":\"sso-access-token\",\"expiresAt\":\"" + expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "\",\"region\":\"us-east-1\",\"startUrl\":\"https://corp.awsapps.com/start\"}");
        }

        [Fact]
        public async Task Sso_profile_exchanges_the_cached_token_for_role_credentials()
        {
            using var portal = new LoopbackStub(_ => (200, "application/json",
                "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO\",\"secretAccessKey\":\"sso-secret\",\"sessionToken\":\"sso-token\",\"expiration\":4070908800000}}"));
            using var env = new TestEnvironment().WithConfig(SsoConfig);
            env.Variables["AWS_ENDPOINT_URL_SSO"] = portal.Url;
            WriteSsoToken(env, "corp", DateTimeOffset.UtcNow.AddHours(1));

            using var session = AwsSession.Resolve(new AwsConnectionOptions { ProfileName = "sso-admin" }, env.Build());
            var credentials = await session.GetCredentialsAsync(CancellationToken.None);

            Assert.Equal("eu-central-1", session.Region);
            Assert.Equal("ASIASSO", credentials.AccessKey);
            Assert.Equal("sso-token", credentials.SessionToken);
            var call = Assert.Single(portal.Requests);
            Assert.Contains("role_name=Deployer", call.PathAndQuery);
            Assert.Contains("account_id=111122223333", call.PathAndQuery);
            Assert.Equal("sso-access-token", call.Headers["x-amz-sso_bearer_token"]);
        }

        [Fact]
        public async Task Expired_sso_token_says_how_to_sign_in_and_calls_nothing()
        {
            using var portal = new LoopbackStub(_ => (500, "text/plain", "must not be called"));
            using var env = new TestEnvironment().WithConfig(SsoConfig);
            env.Variables["AWS_ENDPOINT_URL_SSO"] = portal.Url;
            WriteSsoToken(env, "corp", DateTimeOffset.UtcNow.AddHours(-1));

            using var session = AwsSession.Resolve(new AwsConnectionOptions { ProfileName = "sso-admin" }, env.Build());
            var error = await Assert.ThrowsAsync<AwsConfigurationException>(() => session.GetCredentialsAsync(CancellationToken.None));

            Assert.Equal(ErrorIds.AwsSsoTokenMissing.Id, error.ErrorId);
            Assert.Contains("aws sso login --profile sso-admin", error.Message);
            Assert.DoesNotContain("sso-access-token", error.Message);
            Assert.Empty(portal.Requests);
        }
    }
}
