using System.Management.Automation;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Pipeline;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// The AWS.Tools-style common parameters every AWS-calling cmdlet takes, and the resolution of
    /// them into one AwsSession per invocation.
    /// </summary>
    public abstract class AwsCmdlet : CancellableCmdlet
    {
        private AwsSession? _session;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Region { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("StoredCredentials", "AWSProfileName")]
        public string? ProfileName { get; set; }

        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string? ProfileLocation { get; set; }

        /// <summary>An AWSCredentials object (from AWS.Tools or any AWSSDK version); read by duck typing.</summary>
        [Parameter]
        public PSObject? Credential { get; set; }

        [Parameter]
        public string? AccessKey { get; set; }

        [Parameter]
        public string? SecretKey { get; set; }

        [Parameter]
        public string? SessionToken { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? EndpointUrl { get; set; }

        /// <summary>The connection an upstream object was made with (hidden: it binds from the pipeline).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public AwsConnection? Connection { get; set; }

        /// <summary>
        /// The resource arguments that may be ARNs (-Cluster, -Service, -TaskDefinition...). Without
        /// -Region and without an upstream connection, the region they all name is the region to
        /// connect to: an ARN says where the resource is.
        /// </summary>
        protected virtual string?[] ResourceArguments => System.Array.Empty<string?>();

        /// <summary>The options as given to this invocation, merged over an upstream object's connection.</summary>
        protected AwsConnectionOptions GetConnectionOptions(AwsConnection? upstream = null)
        {
            var from = upstream ?? Connection;
            var explicitOptions = new AwsConnectionOptions
            {
                Region = Region ?? (from == null ? EcsBlueGreen.Deployments.ArnCheck.RegionOf(ResourceArguments) : null),
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation,
                Credential = Credential?.BaseObject,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                EndpointUrl = EndpointUrl,
                StoredRegion = ReadShellVariable("StoredAWSRegion") as string,
                StoredCredentials = ReadShellVariable("StoredAWSCredentials"),
            };
            return from == null ? explicitOptions : from.MergeUnder(explicitOptions);
        }

        /// <summary>Resolves once per invocation; a configuration problem ends the command with a clear error.</summary>
        protected AwsSession Session
        {
            get
            {
                if (_session == null)
                {
                    _session = ResolveSession(GetConnectionOptions());
                }

                return _session;
            }
        }

        protected AwsSession ResolveSession(AwsConnectionOptions options)
        {
            try
            {
                return AwsSession.Resolve(options);
            }
            catch (AwsConfigurationException ex)
            {
                ThrowTerminatingError(ErrorCatalog.Configuration(ex));
                throw;
            }
        }

        private object? ReadShellVariable(string name)
        {
            var value = SessionState.PSVariable.GetValue(name);
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }
    }
}
