using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace EcsBlueGreen.Errors
{
    /// <summary>
    /// The error catalogue: every FullyQualifiedErrorId the module reports, with its category and what
    /// the user should do. Nothing else in the code names an error id; about_EcsBlueGreen documents each
    /// entry (a test keeps the two equal). Ids are stable: scripts and pipelines match on them.
    /// </summary>
    public static class ErrorIds
    {
        // Session: region, credentials, profiles, endpoints.
        public static readonly ErrorDefinition AwsRegionMissing = new ErrorDefinition("AwsRegionMissing", ErrorKind.InvalidArgument,
            "Pass -Region, run Set-DefaultAWSRegion, or set AWS_REGION or the profile's region.");
        public static readonly ErrorDefinition AwsCredentialsMissing = new ErrorDefinition("AwsCredentialsMissing", ErrorKind.InvalidArgument,
            "Pass -Credential, -AccessKey with -SecretKey, or -ProfileName; run Set-AWSCredential; or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE.");
        public static readonly ErrorDefinition AwsProfileNotFound = new ErrorDefinition("AwsProfileNotFound", ErrorKind.InvalidArgument,
            "Check -ProfileName, -ProfileLocation and AWS_PROFILE against the profiles in the AWS credentials and config files.");
        public static readonly ErrorDefinition AwsProfileInvalid = new ErrorDefinition("AwsProfileInvalid", ErrorKind.InvalidArgument,
            "Fix the profile as the message says: keys, role_arn with source_profile or credential_source, or the SSO settings.");
        public static readonly ErrorDefinition AwsCredentialObjectInvalid = new ErrorDefinition("AwsCredentialObjectInvalid", ErrorKind.InvalidArgument,
            "Pass an AWSCredentials object to -Credential (or in $StoredAWSCredentials), or -AccessKey together with -SecretKey.");
        public static readonly ErrorDefinition AwsEndpointInvalid = new ErrorDefinition("AwsEndpointInvalid", ErrorKind.InvalidArgument,
            "Give -EndpointUrl or the AWS_ENDPOINT_URL variables as an absolute http:// or https:// URL.");
        public static readonly ErrorDefinition AwsSsoTokenMissing = new ErrorDefinition("AwsSsoTokenMissing", ErrorKind.AuthenticationError,
            "Sign in with aws sso login --profile <profile>, then run the command again.");
        public static readonly ErrorDefinition AwsCredentialsUnavailable = new ErrorDefinition("AwsCredentialsUnavailable", ErrorKind.AuthenticationError,
            "The credential source (assume-role, SSO or the credential object) failed as the message says: fix its permissions or sign in again.");

        // Answers of the AWS APIs, by error code (after the retries).
        public static readonly ErrorDefinition AwsAccessDenied = new ErrorDefinition("AwsAccessDenied", ErrorKind.PermissionDenied,
            "Grant the caller the IAM action the message names (see IAM permissions).");
        public static readonly ErrorDefinition AwsAuthenticationFailed = new ErrorDefinition("AwsAuthenticationFailed", ErrorKind.AuthenticationError,
            "AWS does not accept the credentials (unknown, expired or mis-signed): refresh them, and check the region and the system clock.");
        public static readonly ErrorDefinition AwsThrottled = new ErrorDefinition("AwsThrottled", ErrorKind.LimitsExceeded,
            "AWS went on throttling through every retry: run again later, or allow more attempts with AWS_MAX_ATTEMPTS.");
        public static readonly ErrorDefinition AwsInvalidParameter = new ErrorDefinition("AwsInvalidParameter", ErrorKind.InvalidArgument,
            "AWS rejected a value the message names: correct the parameter or the task definition.");
        public static readonly ErrorDefinition AwsConflict = new ErrorDefinition("AwsConflict", ErrorKind.ResourceBusy,
            "Another change to the same resource is in progress: wait for it to finish, then run again.");
        public static readonly ErrorDefinition AwsServiceUnavailable = new ErrorDefinition("AwsServiceUnavailable", ErrorKind.ResourceUnavailable,
            "AWS answered with a server error through every retry: run again later.");
        public static readonly ErrorDefinition AwsServiceError = new ErrorDefinition("AwsServiceError", ErrorKind.InvalidOperation,
            "AWS refused the request: the exception's ErrorCode and message say why.");
        public static readonly ErrorDefinition AwsNoAnswer = new ErrorDefinition("AwsNoAnswer", ErrorKind.ConnectionError,
            "AWS did not answer through every retry: check the network, the proxy and -EndpointUrl, then run again.");
        public static readonly ErrorDefinition AwsOutcomeUnknown = new ErrorDefinition("AwsOutcomeUnknown", ErrorKind.ConnectionError,
            "A change may or may not have been made: look at the service (Get-EcsDeployment) before running the command again.");
        public static readonly ErrorDefinition EcsClusterNotFound = new ErrorDefinition("EcsClusterNotFound", ErrorKind.ObjectNotFound,
            "Check -Cluster and -Region.");
        public static readonly ErrorDefinition ServiceDeploymentNotFound = new ErrorDefinition("ServiceDeploymentNotFound", ErrorKind.ObjectNotFound,
            "The service deployment no longer exists: list the current ones with Get-EcsDeployment -History.");
        public static readonly ErrorDefinition TargetGroupNotFound = new ErrorDefinition("TargetGroupNotFound", ErrorKind.ObjectNotFound,
            "The service's target group no longer exists: fix the load balancer configuration of the service.");
        public static readonly ErrorDefinition EcrImageNotFound = new ErrorDefinition("EcrImageNotFound", ErrorKind.ObjectNotFound,
            "Check the tag or digest: the repository has no such image.");

        // Deployments: bad input and services the module will not deploy to. Nothing is changed.
        public static readonly ErrorDefinition ServiceNotFound = new ErrorDefinition("ServiceNotFound", ErrorKind.ObjectNotFound,
            "Check -Cluster, -Service and -Region.");
        public static readonly ErrorDefinition ServiceNotActive = new ErrorDefinition("ServiceNotActive", ErrorKind.InvalidOperation,
            "Create or restore the service: ECS does not deploy to a DRAINING or INACTIVE one.");
        public static readonly ErrorDefinition UnsupportedDeploymentController = new ErrorDefinition("UnsupportedDeploymentController", ErrorKind.NotImplemented,
            "Deploy this service through CodeDeploy or its external controller: the module drives ECS rolling deployments only.");
        public static readonly ErrorDefinition DeploymentInProgress = new ErrorDefinition("DeploymentInProgress", ErrorKind.InvalidOperation,
            "Wait for the running deployment (Wait-EcsSteadyState -Cluster <cluster> -Service <service>) or pass -Force.");
        public static readonly ErrorDefinition ContainerNotFound = new ErrorDefinition("ContainerNotFound", ErrorKind.ObjectNotFound,
            "Pass one of the containers the message lists to -ContainerName.");
        public static readonly ErrorDefinition AmbiguousContainer = new ErrorDefinition("AmbiguousContainer", ErrorKind.InvalidArgument,
            "Name the container to update with -ContainerName.");
        public static readonly ErrorDefinition TaskDefinitionNotFound = new ErrorDefinition("TaskDefinitionNotFound", ErrorKind.ObjectNotFound,
            "Pass family:revision or the ARN of a task definition that exists in this account and region.");
        public static readonly ErrorDefinition ArnMismatch = new ErrorDefinition("ArnMismatch", ErrorKind.InvalidArgument,
            "Connect to the ARN's account and region (-Region, credentials), or pass the resource of the connected account.");
        public static readonly ErrorDefinition InvalidArn = new ErrorDefinition("InvalidArn", ErrorKind.InvalidArgument,
            "Pass the name or the full ARN.");
        public static readonly ErrorDefinition TaskDefinitionInactive = new ErrorDefinition("TaskDefinitionInactive", ErrorKind.InvalidOperation,
            "Pass an ACTIVE revision, or register the task definition again.");
        public static readonly ErrorDefinition ImageNotFound = new ErrorDefinition("ImageNotFound", ErrorKind.ObjectNotFound,
            "Publish the image, fix the tag (the message lists close ones), or pass -SkipImageCheck.");
        public static readonly ErrorDefinition ImageRepositoryNotFound = new ErrorDefinition("ImageRepositoryNotFound", ErrorKind.ObjectNotFound,
            "Publish the image first (Publish-EcrImage -CreateRepository), or pass -SkipImageCheck.");
        public static readonly ErrorDefinition InvalidEnvironmentValue = new ErrorDefinition("InvalidEnvironmentValue", ErrorKind.InvalidArgument,
            "Pass the text the variable should hold (e.g. ConvertTo-Json -Compress), or $null to remove it.");
        public static readonly ErrorDefinition MissingServiceName = new ErrorDefinition("MissingServiceName", ErrorKind.InvalidArgument,
            "Pass both -Cluster and -Service (names or ARNs).");
        public static readonly ErrorDefinition ConflictingDeploymentSource = new ErrorDefinition("ConflictingDeploymentSource", ErrorKind.InvalidArgument,
            "Pass either -Image or -TaskDefinition, not both.");
        public static readonly ErrorDefinition InvalidDesiredCount = new ErrorDefinition("InvalidDesiredCount", ErrorKind.InvalidArgument,
            "Pass a -DesiredCount of 0 or more.");
        public static readonly ErrorDefinition InvalidEnvironmentName = new ErrorDefinition("InvalidEnvironmentName", ErrorKind.InvalidArgument,
            "Use -Environment names without blanks or '='.");
        public static readonly ErrorDefinition InvalidImageUri = new ErrorDefinition("InvalidImageUri", ErrorKind.InvalidArgument,
            "Pass [registry/]repository[:tag][@sha256:<digest>], e.g. the ImageUri of Publish-EcrImage's output.");
        public static readonly ErrorDefinition SecretInEnvironment = new ErrorDefinition("SecretInEnvironment", ErrorKind.InvalidArgument,
            "Store the secret in Secrets Manager or SSM Parameter Store and reference it from the container's secrets (valueFrom).");
        public static readonly ErrorDefinition InvalidStrategySetting = new ErrorDefinition("InvalidStrategySetting", ErrorKind.InvalidArgument,
            "Keep -BakeTime 0-1440, -StepPercent 3-100, -CanaryPercent 0.1-100, bake times 0-1440 and -HookTimeout 1-20160 minutes; pass -StepPercent with Linear, -CanaryPercent with Canary, and -BakeTime or -PauseAt with a traffic-shifting -Strategy only.");
        public static readonly ErrorDefinition InvalidPauseStage = new ErrorDefinition("InvalidPauseStage", ErrorKind.InvalidArgument,
            "Pass -PauseAt stages a PAUSE hook can wait at (e.g. PostScaleUp, PostTestTrafficShift, PreProductionTrafficShift); TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT take Lambda hooks only.");
        public static readonly ErrorDefinition StrategyNeedsAdvancedConfiguration = new ErrorDefinition("StrategyNeedsAdvancedConfiguration", ErrorKind.InvalidOperation,
            "Give the service's load balancer an advancedConfiguration (alternate target group, production listener rule, role), or deploy with -Strategy Rolling.");
        public static readonly ErrorDefinition NoRollbackTarget = new ErrorDefinition("NoRollbackTarget", ErrorKind.InvalidOperation,
            "Name the task definition to go back to with -ToTaskDefinition family:revision.");
        public static readonly ErrorDefinition DeploymentNotPaused = new ErrorDefinition("DeploymentNotPaused", ErrorKind.InvalidOperation,
            "Approve only a deployment that waits at a PAUSE hook: Get-EcsDeployment shows its PendingHook.");
        public static readonly ErrorDefinition InvalidHook = new ErrorDefinition("InvalidHook", ErrorKind.InvalidArgument,
            "Pass -Hook @{ PostTestTrafficShift = { param($deployment) ... } }: each key a stage a PAUSE hook can wait at (PostScaleUp, PostTestTrafficShift, PreProductionTrafficShift...), once, and each value a scriptblock.");
        public static readonly ErrorDefinition DeploymentAlreadyRolledBack = new ErrorDefinition("DeploymentAlreadyRolledBack", ErrorKind.InvalidOperation,
            "Nothing to undo: ECS already rolls the deployment back. Follow it with Wait-EcsSteadyState -Cluster <cluster> -Service <service>, or pass -ToTaskDefinition to deploy a chosen revision.");
        public static readonly ErrorDefinition InvalidTimeout = new ErrorDefinition("InvalidTimeout", ErrorKind.InvalidArgument,
            "Pass a positive -Timeout, e.g. (New-TimeSpan -Minutes 30).");
        public static readonly ErrorDefinition InvalidPollInterval = new ErrorDefinition("InvalidPollInterval", ErrorKind.InvalidArgument,
            "Pass a -PollInterval above zero and at most 10 minutes.");
        public static readonly ErrorDefinition InvalidPricing = new ErrorDefinition("InvalidPricing", ErrorKind.InvalidArgument,
            "Pass -Pricing as the path of a price table shaped like the shipped fargate-prices.json, or @{ VcpuHour = 0.04; GbHour = 0.0044; Currency = 'USD' }.");

        // Verdicts: a deployment that ended in anything but success.
        public static readonly ErrorDefinition EcsDeploymentFailed = new ErrorDefinition("EcsDeploymentFailed", ErrorKind.InvalidResult,
            "Look at FailedTasks and Events on the deployment object; roll back with Undo-EcsDeployment.");
        public static readonly ErrorDefinition EcsDeploymentRolledBack = new ErrorDefinition("EcsDeploymentRolledBack", ErrorKind.InvalidResult,
            "ECS already went back to the last working deployment; look at FailedTasks and Events on the deployment object.");
        public static readonly ErrorDefinition EcsDeploymentStopped = new ErrorDefinition("EcsDeploymentStopped", ErrorKind.OperationStopped,
            "Get-EcsDeployment shows which deployment the service runs now.");
        public static readonly ErrorDefinition EcsDeploymentTimedOut = new ErrorDefinition("EcsDeploymentTimedOut", ErrorKind.OperationTimeout,
            "Resume with Wait-EcsSteadyState -Cluster <cluster> -Service <service>, or roll back with Undo-EcsDeployment.");
        public static readonly ErrorDefinition EcsUnreachable = new ErrorDefinition("EcsUnreachable", ErrorKind.ConnectionError,
            "ECS refused connections, so the deployment's outcome is unknown: check the network, the proxy and -EndpointUrl, then resume with Wait-EcsSteadyState -Cluster <cluster> -Service <service>.");

        // Images: names, archives, builds, ECR and the registry.
        public static readonly ErrorDefinition InvalidImageTag = new ErrorDefinition("InvalidImageTag", ErrorKind.InvalidArgument,
            "Use 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");
        public static readonly ErrorDefinition InvalidRepositoryName = new ErrorDefinition("InvalidRepositoryName", ErrorKind.InvalidArgument,
            "Use 2-256 lowercase letters, digits, '.', '_' and '-', with '/' between parts.");
        public static readonly ErrorDefinition ImageTagIsNumber = new ErrorDefinition("ImageTagIsNumber", ErrorKind.InvalidArgument,
            "Quote the tag: -Tag '5.10'.");
        public static readonly ErrorDefinition RepositoryNotInConnectedRegistry = new ErrorDefinition("RepositoryNotInConnectedRegistry", ErrorKind.InvalidArgument,
            "Connect to that registry (-Region, credentials), or pass a repository name of the connected one.");
        public static readonly ErrorDefinition ImageArchiveNotFound = new ErrorDefinition("ImageArchiveNotFound", ErrorKind.ObjectNotFound,
            "Check -ArchivePath: no such file or OCI layout folder.");
        public static readonly ErrorDefinition ImageArchiveNotAnImage = new ErrorDefinition("ImageArchiveNotAnImage", ErrorKind.InvalidData,
            "Pass an OCI image layout (folder or tar) or a docker save tar.");
        public static readonly ErrorDefinition ImageArchiveCorrupt = new ErrorDefinition("ImageArchiveCorrupt", ErrorKind.InvalidData,
            "Write the archive again (docker save, podman save or an OCI export): it is incomplete or damaged.");
        public static readonly ErrorDefinition ImagePlatformNotFound = new ErrorDefinition("ImagePlatformNotFound", ErrorKind.ObjectNotFound,
            "Pass one of the platforms the message lists to -Platform.");
        public static readonly ErrorDefinition ImagePlatformAmbiguous = new ErrorDefinition("ImagePlatformAmbiguous", ErrorKind.InvalidArgument,
            "Choose the image with -Platform os/arch[/variant].");
        public static readonly ErrorDefinition EcrRepositoryNotFound = new ErrorDefinition("EcrRepositoryNotFound", ErrorKind.ObjectNotFound,
            "Check -RepositoryName and -Region, or add -CreateRepository.");
        public static readonly ErrorDefinition EcrImmutableTagConflict = new ErrorDefinition("EcrImmutableTagConflict", ErrorKind.ResourceExists,
            "The repository's tags are immutable: publish under a new tag.");
        public static readonly ErrorDefinition EcrSourceImageNotFound = new ErrorDefinition("EcrSourceImageNotFound", ErrorKind.ObjectNotFound,
            "Check -SourceTag or the digest: the repository has no such image to promote.");
        public static readonly ErrorDefinition BuildContextNotFound = new ErrorDefinition("BuildContextNotFound", ErrorKind.ObjectNotFound,
            "Pass the build context folder to -Path.");
        public static readonly ErrorDefinition DockerfileNotFound = new ErrorDefinition("DockerfileNotFound", ErrorKind.ObjectNotFound,
            "Put a Dockerfile or Containerfile in the build context, or pass -Dockerfile.");
        public static readonly ErrorDefinition ImageBuilderNotFound = new ErrorDefinition("ImageBuilderNotFound", ErrorKind.NotInstalled,
            "Install podman or docker, or publish an archive built elsewhere with -ArchivePath.");
        public static readonly ErrorDefinition ImageBuildFailed = new ErrorDefinition("ImageBuildFailed", ErrorKind.InvalidOperation,
            "Fix what the builder's last output lines in the message report, then run again.");
        public static readonly ErrorDefinition ImageBlobDigestMismatch = new ErrorDefinition("ImageBlobDigestMismatch", ErrorKind.InvalidData,
            "The image's content does not match its digests: write the archive again; nothing was tagged.");
        public static readonly ErrorDefinition RegistryAuthenticationFailed = new ErrorDefinition("RegistryAuthenticationFailed", ErrorKind.PermissionDenied,
            "Grant the caller ecr:GetAuthorizationToken and the ECR push actions (see IAM permissions).");
        public static readonly ErrorDefinition RegistryRequestFailed = new ErrorDefinition("RegistryRequestFailed", ErrorKind.InvalidOperation,
            "The registry refused the request: its error code and message say why.");
        public static readonly ErrorDefinition RegistryUnavailable = new ErrorDefinition("RegistryUnavailable", ErrorKind.ConnectionError,
            "The registry did not answer, throttled or failed through every retry: check the network and proxy, then run again.");

        // Anything else.
        public static readonly ErrorDefinition LocalFileError = new ErrorDefinition("LocalFileError", ErrorKind.ReadError,
            "A local file or folder the message names could not be read or written: check the path, free space and locks.");
        public static readonly ErrorDefinition LocalFileAccessDenied = new ErrorDefinition("LocalFileAccessDenied", ErrorKind.PermissionDenied,
            "Give the account running PowerShell access to the file or folder the message names.");
        public static readonly ErrorDefinition UnexpectedError = new ErrorDefinition("UnexpectedError", ErrorKind.InvalidOperation,
            "A failure the module does not foresee: run again with -Verbose and report it with $Error[0].Exception.ToString().");

        private static readonly Lazy<IReadOnlyList<ErrorDefinition>> Entries = new Lazy<IReadOnlyList<ErrorDefinition>>(() =>
            typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(ErrorDefinition))
                .Select(f => (ErrorDefinition)f.GetValue(null)!)
                .ToList());

        /// <summary>Every entry of the catalogue.</summary>
        public static IReadOnlyList<ErrorDefinition> All => Entries.Value;

        /// <summary>The entry with this id, or null.</summary>
        public static ErrorDefinition? Find(string id) => All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
    }
}
