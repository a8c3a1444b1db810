using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Images;
using EcsBlueGreen.Pipeline;
using EcsBlueGreen.PowerShell.Hosting;

namespace EcsBlueGreen.PowerShell.Commands
{
    /// <summary>
    /// Builds (podman/docker) or reads an image archive and pushes it to ECR with the module's own registry
    /// client, or adds tags to an image already there; outputs the digest-pinned EcrImage.
    /// </summary>
    [Cmdlet(VerbsData.Publish, "EcrImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ArchiveSet)]
    [OutputType(typeof(EcrImage))]
    public sealed class PublishEcrImageCommand : AwsCmdlet
    {
        private const string BuildSet = "Build";
        private const string ArchiveSet = "Archive";
        private const string PromoteSet = "Promote";
        private const string PromoteImageSet = "PromoteImage";

        // Outlive one invocation (a script publishing several images logs in once and mounts shared
        // layers); in memory only, thread-safe, keyed by registry and principal.
        private static readonly EcrAuthTokenCache Tokens = new EcrAuthTokenCache();
        private static readonly BlobLocationCache BlobLocations = new BlobLocationCache();

        [Parameter(Mandatory = true, ParameterSetName = BuildSet, Position = 0)]
        [Alias("Context")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter(ParameterSetName = BuildSet)]
        [ValidateNotNullOrEmpty]
        public string? Dockerfile { get; set; }

        [Parameter(ParameterSetName = BuildSet)]
        public Hashtable? BuildArg { get; set; }

        [Parameter(ParameterSetName = BuildSet)]
        // A string, not the core enum: a value-type member of a core type would make PowerShell load
        // the core library while it scans the cmdlets, before the dependency resolver is installed.
        [ValidateSet("auto", "podman", "docker", IgnoreCase = true)]
        public string Builder { get; set; } = "auto";

        [Parameter(Mandatory = true, ParameterSetName = ArchiveSet)]
        [ValidateNotNullOrEmpty]
        public string ArchivePath { get; set; } = "";

        /// <summary>os/arch[/variant]: the image to take from a multi-platform archive, or to build.</summary>
        [Parameter(ParameterSetName = BuildSet)]
        [Parameter(ParameterSetName = ArchiveSet)]
        public string? Platform { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EcsBlueGreen.PowerShell.Completion.RepositoryNameCompleter))]
        public string RepositoryName { get; set; } = "";

        /// <summary>Tags to publish under (to add, for promotion). Not bound from the pipeline: an
        /// EcrImage's Tags are what it has, not what it should get. Objects, not strings, so a tag the
        /// parser made a number of (5.10 → 5.1) is seen and refused instead of converted.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public object[] Tag { get; set; } = Array.Empty<object>();

        [Parameter(Mandatory = true, ParameterSetName = PromoteSet)]
        [ValidateNotNullOrEmpty]
        public string? SourceTag { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PromoteImageSet)]
        [Alias("Digest")]
        [ValidateNotNullOrEmpty]
        public string? SourceDigest { get; set; }

        [Parameter(ParameterSetName = BuildSet)]
        [Parameter(ParameterSetName = ArchiveSet)]
        public SwitchParameter CreateRepository { get; set; }

        [Parameter(ParameterSetName = BuildSet)]
        [Parameter(ParameterSetName = ArchiveSet)]
        public SwitchParameter ImmutableTags { get; set; }

        [Parameter(ParameterSetName = BuildSet)]
        [Parameter(ParameterSetName = ArchiveSet)]
        public SwitchParameter ScanOnPush { get; set; }

        protected override void ProcessRecord()
        {
            PublishEcrImageRequest request;
            try
            {
                request = BuildRequest();
            }
            catch (ImagePublishException ex)
            {
                WriteError(ErrorCatalog.For(ex, ex.Target ?? RepositoryName));
                return;
            }

            var options = GetConnectionOptions();
            using (var session = ResolveSession(options))
            {
                var connection = AwsConnection.From(options, session);
                var settings = new ImagePublisherSettings(session.RetryPolicy)
                {
                    Tokens = Tokens,
                    Locations = BlobLocations,
                    // Never a secret: the access key id names the principal, the secret key is not in it.
                    TokenCacheKey = $"{session.Region}|{options.EndpointUrl}|{options.ProfileName}|{options.ProfileLocation}|{options.AccessKey}|{session.CredentialSource}",
                    Region = session.Region,
                    EndpointUrl = connection.EndpointUrlFor(AwsServiceId.Ecr),
                    ProfileName = options.ProfileName,
                    Connection = connection,
                };
                var ecr = session.CreateEcrClient();
                if (!TryRun((reporter, token) => new ImagePublisher(ecr, settings, reporter).PlanAsync(request, token), request, out var plan))
                {
                    return;
                }

                using (plan)
                {
                    if (!ShouldProcess(request.RepositoryName, plan.Description))
                    {
                        return;
                    }

                    if (TryRun(async (reporter, token) =>
                    {
                        var progress = new PushProgressReporter(reporter, $"Publishing {request.RepositoryName}:{string.Join(",", request.Tags)}");
                        try
                        {
                            return await new ImagePublisher(ecr, settings, reporter).ExecuteAsync(plan, progress, token).ConfigureAwait(false);
                        }
                        finally
                        {
                            progress.Complete(); // a finished push leaves no bar behind
                        }
                    }, request, out var image))
                    {
                        WriteObject(image);
                    }
                }
            }
        }

        private PublishEcrImageRequest BuildRequest()
        {
            var request = new PublishEcrImageRequest
            {
                RepositoryName = RepositoryName,
                Tags = TagArguments.ToTags(Tag.Select(t => t is PSObject wrapped ? wrapped.BaseObject : t)),
                Platform = Platform,
                CreateRepository = CreateRepository.IsPresent,
                ImmutableTags = ImmutableTags.IsPresent,
                ScanOnPush = ScanOnPush.IsPresent,
            };
            switch (ParameterSetName)
            {
                case BuildSet:
                    request.Source = PublishSource.Build;
                    request.ContextPath = ResolvePath(Path);
                    request.DockerfilePath = Dockerfile == null ? null : ResolvePath(Dockerfile);
                    request.BuildArgs = ToDictionary(BuildArg);
                    request.Builder = (ImageBuilderKind)Enum.Parse(typeof(ImageBuilderKind), Builder, ignoreCase: true);
                    break;
                case ArchiveSet:
                    request.Source = PublishSource.Archive;
                    request.ArchivePath = ResolvePath(ArchivePath);
                    break;
                default:
                    request.Source = PublishSource.Promote;
                    request.SourceTag = SourceTag;
                    request.SourceDigest = SourceDigest;
                    break;
            }
            return request;
        }

        /// <summary>Relative to PowerShell's current location, not the process's working folder.</summary>
        private string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        private static IReadOnlyDictionary<string, string> ToDictionary(Hashtable? table)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (table == null) return result;
            foreach (DictionaryEntry entry in table)
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                result[entry.Key.ToString()!] = value?.ToString() ?? "";
            }
            return result;
        }

        /// <summary>Runs one phase; its failure becomes a non-terminating error for this item.</summary>
        private bool TryRun<T>(Func<EcsBlueGreen.Reporting.IReporter, System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> work, PublishEcrImageRequest request, out T result)
        {
            try
            {
                result = RunAsync(work);
                return true;
            }
            catch (CoreFailureException ex)
            {
                WriteError(ErrorCatalog.For(ex.Failure, request.RepositoryName));
            }
            result = default!;
            return false;
        }
    }
}
