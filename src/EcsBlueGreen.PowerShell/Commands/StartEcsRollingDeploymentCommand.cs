using EcsBlueGreen.Ecr;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.PowerShell.Completion;
using EcsBlueGreen.PowerShell.Hosting;

namespace EcsBlueGreen.PowerShell.Commands
{
    /// <summary>
    /// Starts a rolling deployment: clones the service's task definition with a new image (or deploys a
    /// given task definition, or forces a new deployment), updates the service and outputs the
    /// deployment it created.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "EcsRollingDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ImageSet)]
    [Alias("Start-EcsDeployment")]
    [OutputType(typeof(EcsDeployment))]
    public sealed class StartEcsRollingDeploymentCommand : EcsCmdlet
    {
        private const string ImageSet = "Image";
        private const string TaskDefinitionSet = "TaskDefinition";
        private const string ForceNewSet = "ForceNewDeployment";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterCompleter))]
        public string Cluster { get; set; } = "";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ServiceCompleter))]
        public string Service { get; set; } = "";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ImageSet)]
        [Alias("ImageUri")]
        [ValidateNotNullOrEmpty]
        public string? Image { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ImageSet)]
        [Parameter(ParameterSetName = ForceNewSet)]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string? ContainerName { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TaskDefinitionSet)]
        [ValidateNotNullOrEmpty]
        public string? TaskDefinition { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ForceNewSet)]
        public SwitchParameter ForceNewDeployment { get; set; }

        [Parameter(ParameterSetName = ImageSet)]
        [Parameter(ParameterSetName = ForceNewSet)]
        public Hashtable? Environment { get; set; }

        [Parameter]
        [ValidateRange(0, 5000)]
        public int? DesiredCount { get; set; }

        /// <summary>Start even though another deployment of the service is in progress.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Do not check that an image of the account's own ECR has the tag or digest before registering.</summary>
        [Parameter(ParameterSetName = ImageSet)]
        public SwitchParameter SkipImageCheck { get; set; }

        /// <summary>The deploymentConfiguration.strategy to deploy with; the service's when left out.</summary>
        [Parameter]
        [ValidateSet("Rolling", "BlueGreen", "Linear", "Canary")]
        public string? Strategy { get; set; }

        /// <summary>Minutes both revisions keep running after production traffic moved (0-1440).</summary>
        [Parameter]
        public int? BakeTime { get; set; }

        /// <summary>Linear: percent of production traffic moved per step (3-100).</summary>
        [Parameter]
        public double? StepPercent { get; set; }

        /// <summary>Linear: minutes between two steps (0-1440).</summary>
        [Parameter]
        public int? StepBakeTime { get; set; }

        /// <summary>Canary: percent of production traffic the canary gets (0.1-100).</summary>
        [Parameter]
        public double? CanaryPercent { get; set; }

        /// <summary>Canary: minutes the canary runs before the rest moves (0-1440).</summary>
        [Parameter]
        public int? CanaryBakeTime { get; set; }

        /// <summary>Lifecycle stages to add a PAUSE hook at (PostTestTrafficShift or POST_TEST_TRAFFIC_SHIFT).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? PauseAt { get; set; }

        /// <summary>Minutes a PAUSE hook of -PauseAt waits for an answer (1-20160; ECS's default 1440).</summary>
        [Parameter]
        public int? HookTimeout { get; set; }

        /// <summary>What ECS does when a PAUSE hook of -PauseAt times out; Rollback unless told.</summary>
        [Parameter]
        [ValidateSet("Rollback", "Continue")]
        public string? HookTimeoutAction { get; set; }

        protected override string?[] ResourceArguments => new[] { Cluster, Service, TaskDefinition };

        protected override void ProcessRecord()
        {
            IReadOnlyDictionary<string, string?>? environment;
            try
            {
                environment = ToEnvironment(Environment);
            }
            catch (EcsBlueGreenException ex)
            {
                WriteFailure(ex, $"{Cluster}/{Service}");
                return;
            }

            var request = new StartDeploymentRequest
            {
                Cluster = Cluster,
                Service = Service,
                Image = Image,
                ContainerName = ContainerName,
                TaskDefinition = TaskDefinition,
                ForceNewDeployment = ForceNewDeployment.IsPresent,
                Environment = environment,
                DesiredCount = DesiredCount,
                Force = Force.IsPresent,
                SkipImageCheck = SkipImageCheck.IsPresent,
                Strategy = new StrategySettings
                {
                    Strategy = Strategy,
                    BakeTimeInMinutes = BakeTime,
                    StepPercent = StepPercent,
                    StepBakeTimeInMinutes = StepBakeTime,
                    CanaryPercent = CanaryPercent,
                    CanaryBakeTimeInMinutes = CanaryBakeTime,
                    PauseAt = PauseAt ?? System.Array.Empty<string>(),
                    HookTimeoutInMinutes = HookTimeout,
                    HookTimeoutAction = HookTimeoutAction,
                },
            };
            var target = $"{Cluster}/{Service}";
            var clients = Clients.For(Connection);
            var ecs = clients.Ecs;
            request.Region = clients.Session.Region;
            var ecr = clients.Session.CreateEcrClient();

            if (!TryRun((reporter, token) => new DeploymentStarter(ecs, ecr, reporter).WithTargetGroupChecks(clients.Elb).PlanAsync(request, token), target, out var plan))
            {
                return;
            }

            foreach (var warning in plan.Warnings)
            {
                Output.Warning(warning);
            }

            if (!ShouldProcess(target, plan.Describe()))
            {
                return;
            }

            if (TryRun((reporter, token) => new DeploymentStarter(ecs, ecr, reporter).ExecuteAsync(plan, token), target, out var deployment))
            {
                Clients.Attach(deployment, Connection);
                WriteObject(deployment);
            }
        }

        private static IReadOnlyDictionary<string, string?>? ToEnvironment(Hashtable? table)
        {
            if (table == null)
            {
                return null;
            }

            var result = new Dictionary<string, string?>();
            foreach (DictionaryEntry entry in table)
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (value is System.Security.SecureString || value is PSCredential)
                {
                    // Plain environment variables are readable by anyone who can describe the task
                    // definition; a secret belongs in the container's secrets (valueFrom).
                    throw new EcsBlueGreenException(EcsBlueGreen.Errors.ErrorIds.SecretInEnvironment,
                        $"-Environment {entry.Key} is a {value.GetType().Name}: secrets do not belong in plain environment variables. Store it in Secrets Manager or SSM Parameter Store and reference it from the container's 'secrets' (valueFrom).");
                }

                var name = entry.Key.ToString()!;
                result[name] = EnvironmentValues.ToText(name, value);
            }

            return result;
        }
    }
}
