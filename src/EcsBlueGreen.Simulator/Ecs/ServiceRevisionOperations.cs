using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>DescribeServiceRevisions: every deployment has one revision (rollbacks reuse theirs).</summary>
public static class ServiceRevisionOperations
{
    public static JsonObject Describe(OperationContext ctx, JsonObject input)
    {
        var arns = input.StrList("serviceRevisionArns");
        if (arns.Count == 0) throw AwsException.InvalidParameter("serviceRevisionArns cannot be empty.");
        if (arns.Count > 20) throw AwsException.InvalidParameter("serviceRevisionArns cannot have more than 20 elements.");
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var arn in arns)
        {
            var match = ctx.World.AllServices
                .SelectMany(s => s.Deployments.Select(d => (Service: s, Deployment: d)))
                .FirstOrDefault(p => p.Deployment.ServiceRevisionArn == arn);
            if (match.Deployment == null)
            {
                failures.Add(EcsLookup.Failure(arn, "MISSING"));
                continue;
            }

            var revision = new JsonObject
            {
                ["serviceRevisionArn"] = arn,
                ["serviceArn"] = match.Service.Arn,
                ["clusterArn"] = match.Service.Cluster.Arn,
                ["taskDefinition"] = match.Deployment.TaskDefinitionArn,
                ["createdAt"] = Engine.SimClock.ToEpochSeconds(match.Deployment.CreatedAt),
            };
            if (match.Deployment.LaunchType != null) revision["launchType"] = match.Deployment.LaunchType;
            if (match.Deployment.PlatformVersion != null) revision["platformVersion"] = match.Deployment.PlatformVersion;
            found.Add(revision);
        }
        return new JsonObject { ["serviceRevisions"] = found, ["failures"] = failures };
    }
}
