using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// Everything decided before any write: the service as it is, the task definition to register (or
    /// use), the printable diff and the warnings. The cmdlet asks ShouldProcess with it; only then is
    /// it executed.
    /// </summary>
    public sealed class DeploymentPlan
    {
        public DeploymentPlan(StartDeploymentRequest request, EcsService service, TaskDefinitionDescription currentTaskDefinition)
        {
            Request = request;
            ForceNewDeployment = request.ForceNewDeployment;
            Service = service;
            CurrentTaskDefinition = currentTaskDefinition;
        }

        public StartDeploymentRequest Request { get; }
        /// <summary>Starts with the request's switch; the plan turns it on when nothing else would change (the request itself is never changed).</summary>
        public bool ForceNewDeployment { get; set; }
        public EcsService Service { get; }
        public TaskDefinitionDescription CurrentTaskDefinition { get; }
        /// <summary>The RegisterTaskDefinition input, when the deployment needs a new revision.</summary>
        public JsonObject? RegisterInput { get; set; }
        /// <summary>The task definition to deploy when no new revision is registered.</summary>
        public string? ExistingTaskDefinitionArn { get; set; }
        public string? ContainerName { get; set; }
        public string? Image { get; set; }
        public string? PreviousImage { get; set; }
        public IReadOnlyList<TaskDefinitionChange> Changes { get; set; } = new List<TaskDefinitionChange>();
        public List<string> Warnings { get; } = new List<string>();
        /// <summary>The deploymentConfiguration written with the update, when the strategy settings ask for a change.</summary>
        public StrategyChange? StrategyChange { get; set; }

        /// <summary>What -WhatIf prints and ShouldProcess asks about.</summary>
        public string Describe()
        {
            var what = RegisterInput != null
                ? $"register a new revision of {CurrentTaskDefinition.Family} and deploy it"
                : ExistingTaskDefinitionArn != null && ExistingTaskDefinitionArn != Service.TaskDefinition
                    ? $"deploy task definition {ExistingTaskDefinitionArn}"
                    : "force a new deployment of the current task definition";
            var lines = new List<string> { $"{what} (now {CurrentTaskDefinition.Arn})" };
            lines.AddRange(Changes.Select(c => "  " + c));
            if (Request.DesiredCount.HasValue && Request.DesiredCount != Service.DesiredCount)
            {
                lines.Add($"  desired count: {Service.DesiredCount} -> {Request.DesiredCount}");
            }

            if (StrategyChange != null)
            {
                lines.Add("  deployment configuration:");
                lines.AddRange(StrategyChange.DescriptionLines.Select(l => "  " + l));
            }

            return string.Join(System.Environment.NewLine, lines);
        }
    }
}
