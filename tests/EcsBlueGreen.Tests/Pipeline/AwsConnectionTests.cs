using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Amazon.Runtime;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Aws.Credentials;
using EcsBlueGreen.Pipeline;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Pipeline
{
    /// <summary>
    /// Connections compare by what they talk to and sign with, never by reference and never by a
    /// secret held in clear: equal settings are equal connections (so a fleet shares one session).
    /// </summary>
    public class AwsConnectionTests : IDisposable
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        private const string Token = "IQoJb3JpZ2luX2VjEKnownSessionToken/+=Secret";
        private const string Profiles =
            "[blue]\naws_access_key_id = AKIDBLUE\naws_secret_access_key = secret-blue\nregion = eu-west-2\n" +
            "[green]\naws_access_key_id = AKIDGREEN\naws_secret_access_key = secret-green\nregion = eu-west-2\n";

        private readonly TestEnvironment _env = new TestEnvironment().WithCredentials(Profiles);

        public void Dispose() => _env.Dispose();

        private static AwsConnectionOptions Keys(string region = "eu-west-2", string? endpoint = "http://127.0.0.1:5000",
            string accessKey = "AKIAIOSFODNN7EXAMPLE", string secret = Secret, string? token = null) =>
            new AwsConnectionOptions { Region = region, EndpointUrl = endpoint, AccessKey = accessKey, SecretKey = secret, SessionToken = token };

        private AwsConnection Connect(AwsConnectionOptions options, IAwsEnvironment? environment = null)
        {
            using var session = AwsSession.Resolve(options, environment ?? _env.Build());
            return AwsConnection.From(options, session);
        }

        private static void AssertEqual(AwsConnection a, AwsConnection b)
        {
            Assert.True(a.Equals(b));
            Assert.True(b.Equals((object)a));
            Assert.True(a == b);
            Assert.False(a != b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }

        private static void AssertDifferent(AwsConnection a, AwsConnection b)
        {
            Assert.False(a.Equals(b));
            Assert.False(b.Equals((object)a));
            Assert.False(a == b);
            Assert.True(a != b);
        }

        [Fact]
        public void Two_connections_made_from_the_same_explicit_keys_are_equal()
        {
            AssertEqual(Connect(Keys()), Connect(Keys()));
            AssertEqual(Connect(Keys(token: Token)), Connect(Keys(token: Token)));
        }

        [Fact]
        public void A_different_region_is_a_different_connection()
        {
            AssertDifferent(Connect(Keys(region: "eu-west-2")), Connect(Keys(region: "us-east-1")));
        }

        [Fact]
        public void A_different_endpoint_is_a_different_connection_and_a_trailing_slash_is_not()
        {
            AssertDifferent(Connect(Keys(endpoint: "http://127.0.0.1:5000")), Connect(Keys(endpoint: "http://127.0.0.1:5001")));
            AssertDifferent(Connect(Keys(endpoint: "http://127.0.0.1:5000")), Connect(Keys(endpoint: null)));
            AssertEqual(Connect(Keys(endpoint: "http://127.0.0.1:5000")), Connect(Keys(endpoint: "http://127.0.0.1:5000/")));
        }

        [Fact]
        public void A_different_profile_or_profile_file_is_a_different_connection()
        {
            var blue = new AwsConnectionOptions { ProfileName = "blue" };
            AssertEqual(Connect(blue), Connect(new AwsConnectionOptions { ProfileName = "blue" }));
            AssertDifferent(Connect(blue), Connect(new AwsConnectionOptions { ProfileName = "green" }));

            var elsewhere = Path.Combine(_env.Home, "other-credentials");
            File.WriteAllText(elsewhere, Profiles);
            AssertDifferent(Connect(blue), Connect(new AwsConnectionOptions { ProfileName = "blue", ProfileLocation = elsewhere }));
        }

        [Fact]
        public void The_same_profile_chosen_two_ways_is_the_same_connection()
        {
            AssertEqual(Connect(new AwsConnectionOptions { ProfileName = "blue" }), Connect(new AwsConnectionOptions { StoredCredentials = "blue" }));
        }

        [Fact]
        public void The_same_key_id_with_another_secret_or_token_is_a_different_connection()
        {
            AssertDifferent(Connect(Keys(secret: Secret)), Connect(Keys(secret: Secret + "x")));
            AssertDifferent(Connect(Keys(token: Token)), Connect(Keys(token: Token + "x")));
            AssertDifferent(Connect(Keys(token: null)), Connect(Keys(token: Token)));
            AssertDifferent(Connect(Keys(accessKey: "AKIAIOSFODNN7EXAMPLE")), Connect(Keys(accessKey: "AKIAI44QH8DHBEXAMPLE")));
        }

        [Fact]
        public void The_same_keys_from_parameters_or_the_environment_are_the_same_credentials()
        {
            _env.Variables["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE";
            _env.Variables["AWS_SECRET_ACCESS_KEY"] = Secret;
            var fromEnvironment = Connect(new AwsConnectionOptions { Region = "eu-west-2", EndpointUrl = "http://127.0.0.1:5000" });
            Assert.Equal("environment", fromEnvironment.CredentialSource);
            AssertEqual(Connect(Keys()), fromEnvironment);
        }

        [Fact]
        public void An_endpoint_variable_is_carried_as_it_was_and_tells_connections_apart()
        {
            _env.Variables["AWS_ENDPOINT_URL_ECS"] = "http://127.0.0.1:5001";
            var viaEcsVariable = Connect(Keys(endpoint: null));
            Assert.Equal("http://127.0.0.1:5001", viaEcsVariable.EndpointUrlFor(AwsServiceId.Ecs));
            Assert.Null(viaEcsVariable.EndpointUrlFor(AwsServiceId.Ecr));
            Assert.Null(viaEcsVariable.EndpointUrl);
            Assert.Equal("eu-west-2 via http://127.0.0.1:5001 (parameters)", viaEcsVariable.ToString());

            // The next cmdlet resolves from the connection's options: the variable as it was, not as it is.
            _env.Variables["AWS_ENDPOINT_URL_ECS"] = "http://127.0.0.1:5002";
            using (var next = AwsSession.Resolve(viaEcsVariable.MergeUnder(new AwsConnectionOptions()), _env.Build()))
            {
                Assert.Equal(new Uri("http://127.0.0.1:5001/"), next.GetEndpoint(AwsServiceId.Ecs));
                Assert.Equal(new Uri("https://api.ecr.eu-west-2.amazonaws.com/"), next.GetEndpoint(AwsServiceId.Ecr));
            }

            // A command-line -EndpointUrl still overrides what the connection carries.
            using (var overridden = AwsSession.Resolve(viaEcsVariable.MergeUnder(new AwsConnectionOptions { EndpointUrl = "http://127.0.0.1:5003" }), _env.Build()))
            {
                Assert.Equal(new Uri("http://127.0.0.1:5003/"), overridden.GetEndpoint(AwsServiceId.Ecs));
            }

            AssertDifferent(viaEcsVariable, Connect(Keys(endpoint: null)));
            _env.Variables["AWS_ENDPOINT_URL_ECS"] = "http://127.0.0.1:5001/";
            AssertEqual(viaEcsVariable, Connect(Keys(endpoint: null)));
        }

        [Fact]
        public void A_credentials_object_is_known_by_reference()
        {
            var credentials = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", Secret);
            var twin = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", Secret);
            AwsConnectionOptions With(object c) => new AwsConnectionOptions { Region = "eu-west-2", Credential = c };

            AssertEqual(Connect(With(credentials)), Connect(With(credentials)));
            AssertDifferent(Connect(With(credentials)), Connect(With(twin)));
        }

        [Fact]
        public void A_connection_is_never_equal_to_null_or_another_type()
        {
            var connection = Connect(Keys());
            Assert.False(connection.Equals(null));
            Assert.False(connection.Equals("eu-west-2"));
            Assert.False(connection == null);
            Assert.True(connection != null);
        }

        [Fact]
        public void Secrets_appear_in_neither_ToString_nor_the_public_surface_nor_the_identity()
        {
            var connection = Connect(Keys(token: Token));
            var shown = new[] { connection.ToString(), connection.Credentials.ToString() }
                .Concat(typeof(AwsConnection).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.GetValue(connection)?.ToString() ?? ""))
                .ToList();
            foreach (var text in shown)
            {
                Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            }

            Assert.Equal("eu-west-2 via http://127.0.0.1:5000 (parameters)", connection.ToString());

            // What equality compares holds the access key id and a keyed fingerprint, not the secret.
            var identityValues = typeof(CredentialIdentity).GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
                .Select(f => f.GetValue(connection.Credentials) as string).Where(v => v != null).ToList();
            Assert.Contains("AKIAIOSFODNN7EXAMPLE", identityValues);
            Assert.All(identityValues, v =>
            {
                Assert.DoesNotContain(Secret, v!, StringComparison.Ordinal);
                Assert.DoesNotContain(Token, v!, StringComparison.Ordinal);
            });
        }
    }
}
