using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Protocol;

namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>ListServiceDeployments, DescribeServiceDeployments, StopServiceDeployment, ContinueServiceDeployment.</summary>
public static class ServiceDeploymentOperations
{
    public static JsonObject List(OperationContext ctx, JsonObject input)
    {
        var cluster = EcsLookup.Cluster(ctx.World, input);
        var service = EcsLookup.Service(cluster, input.RequiredStr("service"));
        var statuses = input.StrList("status");
        var created = input.Obj("createdAt");
        double? before = created?["before"]?.GetValue<double>();
        double? after = created?["after"]?.GetValue<double>();
        var all = Enumerable.Reverse(service.ServiceDeployments)
            .Where(sd => statuses.Count == 0 || statuses.Contains(sd.Status))
            .Where(sd => before == null || Engine.SimClock.ToEpochSeconds(sd.CreatedAt) <= before)
            .Where(sd => after == null || Engine.SimClock.ToEpochSeconds(sd.CreatedAt) >= after)
            .ToList();
        var (page, next) = Pagination.Page(all, input.Str("nextToken"), input.Int("maxResults"), 20, 100);
        return new JsonObject
        {
            ["serviceDeployments"] = new JsonArray(page.Select(sd => (JsonNode)EcsViews.ServiceDeploymentBrief(service, sd)).ToArray()),
        }.Put("nextToken", next);
    }

    public static JsonObject Describe(OperationContext ctx, JsonObject input)
    {
        var arns = input.StrList("serviceDeploymentArns");
        if (arns.Count == 0) throw AwsException.InvalidParameter("serviceDeploymentArns cannot be empty.");
        if (arns.Count > 20) throw AwsException.InvalidParameter("serviceDeploymentArns cannot have more than 20 elements.");
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var arn in arns)
        {
            if (EcsLookup.FindServiceDeployment(ctx.World, arn) is var (service, sd)) found.Add(EcsViews.ServiceDeployment(service, sd));
            else failures.Add(EcsLookup.Failure(arn, "MISSING"));
        }
        return new JsonObject { ["serviceDeployments"] = found, ["failures"] = failures };
    }

    public static JsonObject Stop(OperationContext ctx, JsonObject input)
    {
        var arn = input.RequiredStr("serviceDeploymentArn");
        var stopType = input.Str("stopType") ?? "ROLLBACK";
        if (stopType != "ROLLBACK")
            throw AwsException.InvalidParameter($"stopType {stopType} is not supported; only ROLLBACK is.");
        var (_, sd) = EcsLookup.FindServiceDeployment(ctx.World, arn)
            ?? throw new AwsException("ServiceDeploymentNotFoundException", $"The service deployment {arn} does not exist.");
        switch (sd.Status)
        {
            case "PENDING" or "IN_PROGRESS":
                sd.Status = "ROLLBACK_REQUESTED";
                sd.StatusReason = "Rollback requested by user.";
                sd.UpdatedAt = ctx.World.Now;
                break;
            case "STOP_REQUESTED" or "ROLLBACK_REQUESTED" or "ROLLBACK_IN_PROGRESS":
                break;
            default:
                throw new AwsException("ConflictException", $"The service deployment is in a terminal state ({sd.Status}) and cannot be stopped.");
        }
        return new JsonObject { ["serviceDeploymentArn"] = sd.Arn };
    }

    public static JsonObject Continue(OperationContext ctx, JsonObject input)
    {
        var arn = input.RequiredStr("serviceDeploymentArn");
        var hookId = input.RequiredStr("hookId");
        var action = input.Str("action") ?? "CONTINUE";
        if (action is not ("CONTINUE" or "ROLLBACK"))
            throw AwsException.InvalidParameter($"action {action} is not valid; use CONTINUE or ROLLBACK.");
        var (service, sd) = EcsLookup.FindServiceDeployment(ctx.World, arn)
            ?? throw new AwsException("ServiceDeploymentNotFoundException", $"The service deployment {arn} does not exist.");
        // Only a PAUSE hook in AWAITING_ACTION waits for this call (rolling deployments have no hooks at all).
        if (!Engine.NativeScheduler.Continue(ctx.World, service, sd, hookId, action))
            throw AwsException.InvalidParameter("The service deployment is not waiting on a lifecycle hook with the specified hookId.");
        return new JsonObject { ["serviceDeploymentArn"] = sd.Arn };
    }
}
