using System;
using System.Management.Automation;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Pipeline;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// The AWS.Tools-style common parameters every AWS-calling cmdlet takes, and their resolution
    /// (merged with an upstream object's connection) into sessions.
    /// </summary>
    public abstract class AwsCmdlet : CancellableCmdlet
    {
        private AwsConnectionOptions? _commandLine;

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
        /// Takes the AWS parameters as given on the command line, before any pipeline object binds.
        /// A derived cmdlet that overrides BeginProcessing calls this first.
        /// </summary>
        protected override void BeginProcessing()
        {
            _commandLine = ParameterValues();
        }

        /// <summary>
        /// The resource arguments that may be ARNs (-Cluster, -Service, -TaskDefinition...). Without
        /// -Region and without an upstream connection, the region they all name is the region to
        /// connect to: an ARN says where the resource is.
        /// </summary>
        protected virtual string?[] ResourceArguments => System.Array.Empty<string?>();

        /// <summary>
        /// The options for an object: its connection (or the bound Connection) with the command line's
        /// parameters on top; without a connection, the parameters as bound for the current record.
        /// </summary>
        /// <remarks>
        /// Region, ProfileName and EndpointUrl also bind by property name, and PowerShell leaves the
        /// last record's values in place for EndProcessing: taken from there, one object's region would
        /// override every other object's connection in a fleet wait. So only what the command line said
        /// overrides a connection; a record's own properties are its connection already.
        /// </remarks>
        protected AwsConnectionOptions GetConnectionOptions(AwsConnection? upstream = null)
        {
            var from = upstream ?? Connection;
            if (from == null)
            {
                return CurrentOptions();
            }

            var overrides = _commandLine ?? throw new InvalidOperationException(
                GetType().Name + ".BeginProcessing must call base.BeginProcessing() so the command line's AWS parameters are known.");
            return from.MergeUnder(WithShellVariables(overrides));
        }

        protected AwsSession ResolveSession(AwsConnectionOptions options)
        {
            try
            {
                return AwsSession.Resolve(options);
            }
            catch (AwsConfigurationException ex)
            {
                ThrowTerminatingError(ErrorCatalog.For(ex, null));
                throw;
            }
        }

        private AwsConnectionOptions CurrentOptions()
        {
            var parameters = ParameterValues();
            parameters.Region ??= EcsBlueGreen.Deployments.ArnCheck.RegionOf(ResourceArguments);
            return WithShellVariables(parameters);
        }

        private AwsConnectionOptions ParameterValues() => new AwsConnectionOptions
        {
            Region = Region,
            ProfileName = ProfileName,
            ProfileLocation = ProfileLocation,
            Credential = Credential?.BaseObject,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = SessionToken,
            EndpointUrl = EndpointUrl,
        };

        // A copy of the parameters with $StoredAWSRegion / $StoredAWSCredentials as they are now.
        private AwsConnectionOptions WithShellVariables(AwsConnectionOptions parameters) => new AwsConnectionOptions
        {
            Region = parameters.Region,
            ProfileName = parameters.ProfileName,
            ProfileLocation = parameters.ProfileLocation,
            Credential = parameters.Credential,
            AccessKey = parameters.AccessKey,
            SecretKey = parameters.SecretKey,
            SessionToken = parameters.SessionToken,
            EndpointUrl = parameters.EndpointUrl,
            StoredRegion = ReadShellVariable("StoredAWSRegion") as string,
            StoredCredentials = ReadShellVariable("StoredAWSCredentials"),
        };

        private object? ReadShellVariable(string name)
        {
            var value = SessionState.PSVariable.GetValue(name);
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }
    }
}
