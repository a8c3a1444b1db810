using System;
using System.Collections.Generic;
using System.IO;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Tests.AwsSupport
{
    /// <summary>
    /// An isolated AWS environment per test: a temp home (so ~/.aws is empty unless the test writes it) and
    /// AWS_EC2_METADATA_DISABLED=true so no resolution ever reaches the metadata address.
    /// The process environment is never read or changed.
    /// </summary>
    public sealed class TestEnvironment : IDisposable
    {
        public TestEnvironment()
        {
            Home = Path.Combine(Path.GetTempPath(), "ebg-aws-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(Home, ".aws"));
            Variables["AWS_EC2_METADATA_DISABLED"] = "true";
            // Point the shared files into the temp home explicitly.
            Variables["AWS_SHARED_CREDENTIALS_FILE"] = CredentialsFile;
        }

        public string Home { get; }

        public Dictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string CredentialsFile => Path.Combine(Home, ".aws", "credentials");

        public string ConfigFile => Path.Combine(Home, ".aws", "config");

        public IAwsEnvironment Build() => new FixedAwsEnvironment(new Dictionary<string, string>(Variables), Home);

        public TestEnvironment WithCredentials(string text)
        {
            File.WriteAllText(CredentialsFile, text);
            return this;
        }

        public TestEnvironment WithConfig(string text)
        {
            File.WriteAllText(ConfigFile, text);
            if (!File.Exists(CredentialsFile))
            {
                File.WriteAllText(CredentialsFile, "");
            }

            return this;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Home, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
