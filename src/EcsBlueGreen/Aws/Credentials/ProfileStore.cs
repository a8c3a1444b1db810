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
            _shared = new SharedCredentialsFile(Location);
            _useNetSdkStore = profileLocation == null && RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
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
