using System;
using System.IO;
using System.Runtime.InteropServices;
using Amazon.Runtime.CredentialManagement;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>
    /// Where profiles are read, as AWS.Tools reads them: -ProfileLocation (a shared credentials file, its
    /// sibling 'config' included) when given; otherwise, on Windows, the SDK's encrypted store first
    /// (Set-AWSCredential -StoreAs writes there), then the shared credentials file named by
    /// AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials. Parsing is AWSSDK.Core's SharedCredentialsFile.
    /// </summary>
    internal sealed class ProfileStore
    {
        private readonly SharedCredentialsFile _shared;
        private readonly bool _useNetSdkStore;

        public ProfileStore(string? profileLocation, IAwsEnvironment environment)
        {
            Location = profileLocation
                       ?? environment.GetVariable("AWS_SHARED_CREDENTIALS_FILE")
                       ?? Path.Combine(environment.HomeDirectory, ".aws", "credentials");
            _shared = Open(Location, environment.GetVariable("AWS_CONFIG_FILE"));
            _useNetSdkStore = profileLocation == null && RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        }

        // AWSSDK.Core reads AWS_CONFIG_FILE's value once per process (a static set on first use) but
        // whether it is set on every read, so a value changed mid-session would send every later read
        // to the first value's file. The file is pointed at the variable's value as it is now.
        private static SharedCredentialsFile Open(string credentialsFile, string? configFile)
        {
            var shared = new SharedCredentialsFile(credentialsFile);
            if (configFile == null || string.Equals(shared.ConfigFilePath, configFile, StringComparison.Ordinal))
            {
                return shared;
            }

            var flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic;
            var setConfigFile = typeof(SharedCredentialsFile).GetProperty(nameof(SharedCredentialsFile.ConfigFilePath))?.GetSetMethod(nonPublic: true);
            var reread = typeof(SharedCredentialsFile).GetMethod("Refresh", flags, null, Type.EmptyTypes, null);
            if (setConfigFile == null || reread == null)
            {
                throw new InvalidOperationException("This AWSSDK.Core cannot be pointed at AWS_CONFIG_FILE; the module ships the one it was built with.");
            }

            setConfigFile.Invoke(shared, new object[] { configFile });
            reread.Invoke(shared, null);
            return shared;
        }

        /// <summary>The shared credentials file consulted (for messages).</summary>
        public string Location { get; }

        public ICredentialProfileSource Source => _shared;

        public bool TryGetProfile(string name, out CredentialProfile profile)
        {
            if (_useNetSdkStore)
            {
                try
                {
                    var netSdk = new NetSDKCredentialsFile();
                    if (netSdk.TryGetProfile(name, out profile))
                    {
                        return true;
                    }
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // The encrypted store is optional; an unreadable one must not hide the shared file.
                }
            }

            return _shared.TryGetProfile(name, out profile);
        }
    }
}
