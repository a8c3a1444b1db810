using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecr;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Starts a rolling deployment in two phases: PlanAsync reads and decides (no writes), ExecuteAsync
    /// registers the revision, updates the service and captures the deployment it created.
    /// </summary>
    public sealed class DeploymentStarter
    {
        private readonly IEcsApi _ecs;
        private readonly IEcrApi? _ecr;
        private readonly IReporter _reporter;
        private readonly ServiceDeploymentsFallback _fallback = new ServiceDeploymentsFallback();
        private Elb.IElbApi? _elb;

        /// <summary>Without ECR, images are not checked before registering.</summary>
        public DeploymentStarter(IEcsApi ecs, IReporter reporter)
            : this(ecs, null, reporter)
        {
        }

        public DeploymentStarter(IEcsApi ecs, IEcrApi? ecr, IReporter reporter)
        {
            _ecs = ecs;
            _ecr = ecr;
            _reporter = reporter;
        }

        /// <summary>Also warns, before anything is written, about the target groups' drain settings (reads only).</summary>
        public DeploymentStarter WithTargetGroupChecks(Elb.IElbApi elb)
        {
            _elb = elb;
            return this;
        }

        public async Task<DeploymentPlan> PlanAsync(StartDeploymentRequest request, CancellationToken cancellationToken)
        {
            ValidateRequest(request);
            ArnCheck.BeforeCalls(request.Cluster, request.Service, request.TaskDefinition, request.Region);
            var service = await ServiceLookup.DescribeOneAsync(_ecs, request.Cluster, request.Service, cancellationToken).ConfigureAwait(false);
            Guardrails.ThrowIfUnsafe(service, request.Force);
            var strategyChange = request.Strategy.IsEmpty ? null : StrategyChange.For(service, request.Strategy);
            if (request.Image != null && _ecr != null && !request.SkipImageCheck)
            {
                if (await new ImageCheck(_ecr).ThrowIfMissingAsync(request.Image, service.ServiceArn, cancellationToken).ConfigureAwait(false))
                {
                    _reporter.Verbose($"Image {request.Image} is in its ECR repository.");
                }
            }

            var current = await _ecs.DescribeTaskDefinitionAsync(service.TaskDefinition, cancellationToken).ConfigureAwait(false);
            var plan = new DeploymentPlan(request, service, current) { StrategyChange = strategyChange };

            if (request.TaskDefinition != null)
            {
                var chosen = await TaskDefinitionLookup.DescribeChosenAsync(_ecs, service, "-TaskDefinition", request.TaskDefinition, cancellationToken).ConfigureAwait(false);
                plan.ExistingTaskDefinitionArn = chosen.Arn;
                var container = chosen.ContainerDefinitions.FirstOrDefault();
                plan.Image = container == null ? null : (string?)container["image"];
                plan.PreviousImage = current.ContainerDefinitions.FirstOrDefault() is { } old ? (string?)old["image"] : null;
            }
            else if (request.Image != null || (request.Environment?.Count ?? 0) > 0)
            {
                var patch = new TaskDefinitionPatch(request.Image, request.ContainerName, request.Environment);
                var result = patch.ApplyTo(current);
                plan.RegisterInput = result.RegisterInput;
                plan.ContainerName = result.Container;
                plan.PreviousImage = result.PreviousImage;
                plan.Image = request.Image ?? result.PreviousImage;
                plan.Changes = result.Changes;
                if (result.Changes.Count == 0 && !request.ForceNewDeployment)
                {
                    // Nothing differs: registering an identical revision would only add noise.
                    plan.RegisterInput = null;
                    plan.ExistingTaskDefinitionArn = current.Arn;
                    plan.ForceNewDeployment = true;
                    plan.Warnings.Add($"The task definition would not change ({request.Image ?? "same image"}); forcing a new deployment of {current.Arn} instead.");
                }
            }
            else
            {
                plan.ExistingTaskDefinitionArn = current.Arn;
                var container = current.ContainerDefinitions.FirstOrDefault();
                plan.Image = plan.PreviousImage = container == null ? null : (string?)container["image"];
            }

            plan.Warnings.AddRange(Guardrails.Warnings(service, request.Image, request.DesiredCount));
            if (_elb != null)
            {
                plan.Warnings.AddRange(await Drain.DrainPreflight.WarningsAsync(_elb, service, current, request.DesiredCount ?? service.DesiredCount, _reporter, cancellationToken).ConfigureAwait(false));
            }
            return plan;
        }

        public async Task<EcsDeployment> ExecuteAsync(DeploymentPlan plan, CancellationToken cancellationToken)
        {
            var request = plan.Request;
            var subject = $"{request.Cluster}/{plan.Service.ServiceName}";
            var taskDefinitionArn = plan.ExistingTaskDefinitionArn ?? plan.CurrentTaskDefinition.Arn;
            if (plan.RegisterInput != null)
            {
                var registered = await _ecs.RegisterTaskDefinitionAsync(plan.RegisterInput, cancellationToken).ConfigureAwait(false);
                taskDefinitionArn = registered.Arn;
                _reporter.Information(new InformationMessage(InformationKind.Step, subject, $"Registered {registered.Arn}."));
            }

            // Snapshot before the update: what existed then is, by definition, not ours.
            var previousTaskDefinition = plan.Service.TaskDefinition;
            var knownDeployments = new HashSet<string>(plan.Service.Deployments.Select(d => d.Id));
            var forceNew = plan.ForceNewDeployment || taskDefinitionArn == plan.Service.TaskDefinition;
            var updated = await _ecs.UpdateServiceAsync(new UpdateServiceRequest
            {
                Cluster = request.Cluster,
                Service = plan.Service.ServiceName,
                TaskDefinition = taskDefinitionArn,
                ForceNewDeployment = forceNew,
                DesiredCount = request.DesiredCount,
                DeploymentConfiguration = plan.StrategyChange?.Configuration,
            }, cancellationToken).ConfigureAwait(false);

            var ours = CreatedDeployment.Find(updated, knownDeployments, taskDefinitionArn);
            var deployment = new EcsDeployment
            {
                Cluster = request.Cluster,
                Service = updated.ServiceName,
                DeploymentId = ours?.Id,
                TaskDefinitionArn = taskDefinitionArn,
                PreviousTaskDefinitionArn = previousTaskDefinition,
                ContainerName = plan.ContainerName,
                Image = plan.Image,
                PreviousImage = plan.PreviousImage,
                StartedAt = ours?.CreatedAt,
                DesiredCount = ours?.DesiredCount ?? updated.DesiredCount,
                RunningCount = ours?.RunningCount ?? 0,
                CircuitBreaker = CircuitBreakerState.For(updated),
                Strategy = plan.StrategyChange?.Strategy ?? StrategyOf(updated),
            };
            _reporter.Information(new InformationMessage(InformationKind.Step, subject,
                $"Started deployment {deployment.DeploymentId} of {taskDefinitionArn}{(deployment.Image == null ? "" : $" ({deployment.Image})")}."));

            deployment.ServiceDeploymentArn = await ServiceDeploymentLookup.FindArnAsync(_ecs, request.Cluster, updated, deployment, _reporter, _fallback, cancellationToken).ConfigureAwait(false);
            return deployment;
        }

        private static string StrategyOf(EcsService service) =>
            string.IsNullOrEmpty(service.DeploymentConfiguration.Strategy) ? DeploymentStrategies.Rolling : service.DeploymentConfiguration.Strategy;

        private static void ValidateRequest(StartDeploymentRequest request)
        {
            StrategyChange.Validate(request.Strategy);
            if (string.IsNullOrWhiteSpace(request.Cluster) || string.IsNullOrWhiteSpace(request.Service))
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.MissingServiceName, "Both -Cluster and -Service are required (names or ARNs).");
            }

            var ways = (request.Image != null ? 1 : 0) + (request.TaskDefinition != null ? 1 : 0);
            if (ways > 1)
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.ConflictingDeploymentSource, "Pass either -Image or -TaskDefinition, not both.");
            }

            if (request.Image != null)
            {
                ImageReference.Parse(request.Image);
            }

            if (request.DesiredCount.HasValue && request.DesiredCount < 0)
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.InvalidDesiredCount, $"-DesiredCount must be 0 or more, not {request.DesiredCount}.");
            }

            if (request.Environment != null)
            {
                foreach (var name in request.Environment.Keys)
                {
                    if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace) || name.Contains("="))
                    {
                        throw new EcsBlueGreenException(Errors.ErrorIds.InvalidEnvironmentName, $"'{name}' is not a valid environment variable name.");
                    }
                }
            }
        }
    }
}
