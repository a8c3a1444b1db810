using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Elb;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments.Drain
{
    /// <summary>Reads the service's target groups (DescribeTargetGroups, DescribeTargetGroupAttributes) for the pre-flight drain warnings.</summary>
    public static class DrainPreflight
    {
        public static async Task<IReadOnlyList<string>> WarningsAsync(IElbApi elb, EcsService service, TaskDefinitionDescription current, int desiredCount,
            IReporter reporter, CancellationToken cancellationToken)
        {
            var arns = service.LoadBalancers.Select(l => l.TargetGroupArn).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).Distinct(StringComparer.Ordinal).ToList();
            if (arns.Count == 0)
            {
                return Array.Empty<string>();
            }

            var essential = current.ContainerDefinitions.FirstOrDefault(c => (bool?)c["essential"] != false);
            var withoutStopTimeout = essential != null && essential["stopTimeout"] == null ? (string?)essential["name"] : null;
            var warnings = new List<string>();
            try
            {
                var groups = await elb.DescribeTargetGroupsAsync(arns, null, cancellationToken).ConfigureAwait(false);
                foreach (var group in groups)
                {
                    var attributes = await elb.DescribeTargetGroupAttributesAsync(group.TargetGroupArn, cancellationToken).ConfigureAwait(false);
                    TimeSpan? delay = attributes.TryGetValue(ElbAttributeNames.DeregistrationDelaySeconds, out var text) &&
                                      int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                        ? TimeSpan.FromSeconds(seconds)
                        : (TimeSpan?)null;
                    warnings.AddRange(DrainPreflightRules.Warnings(group.TargetGroupName, delay, group.HealthCheckIntervalSeconds, group.HealthyThresholdCount, desiredCount, withoutStopTimeout));
                }
            }
            catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
            {
                // Advice, not a gate: a role without ELB read access deploys as before.
                reporter.Verbose($"Could not read the target groups of {service.ServiceName} ({ex.Message}); no drain pre-flight warnings.");
            }

            return warnings;
        }
    }
}
