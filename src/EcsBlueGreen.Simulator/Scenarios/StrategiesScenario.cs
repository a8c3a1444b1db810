using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Ecs;
using EcsBlueGreen.Simulator.Elb;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Scenarios;

/// <summary>
/// Native deployments (<c>strategies</c>): the seed's repository and, in cluster <c>myservice</c>, three services
/// like the seed's, each on its own ALB with a blue and a green (alternate) target group and a production listener
/// whose default rule ECS re-weights:
/// <c>myservice-bluegreen</c> (BLUE_GREEN, bake 1 min, and a test listener whose rule needs
/// <c>x-test-traffic: true</c>), <c>myservice-linear</c> (LINEAR 25 %, step bake 1 min, bake 1 min) and
/// <c>myservice-canary</c> (CANARY 10 %, canary bake 1 min, bake 1 min). Each watches the alarm
/// <c>&lt;service&gt;-5xx</c> (rollback on). The repository also holds <c>2.3</c>, which passes health checks and answers
/// every request with 500. Their first deployment was a rolling one, so they start steady on 1.0.
/// </summary>
public static class StrategiesScenario
{
    public const string BlueGreen = "myservice-bluegreen";
    public const string Linear = "myservice-linear";
    public const string Canary = "myservice-canary";
    public const string TestHeader = "x-test-traffic";
    public const string BrokenTag = "2.3";

    public static void Build(World world)
    {
        var repository = SeedScenario.AddRepository(world);
        // A release that passes the target group's health check but answers every request with 500:
        // only a test of real traffic (a hook on the test listener) catches it before production does.
        SeedImages.Push(world, repository, BrokenTag, new Dictionary<string, string> { ["SIM_APP_STATUS"] = "500" });
        var cluster = WorldBuilder.Cluster(world, SeedScenario.ClusterName);
        Add(world, cluster, BlueGreen, withTestListener: true, new JsonObject
        {
            ["strategy"] = "BLUE_GREEN",
            ["bakeTimeInMinutes"] = 1,
        });
        Add(world, cluster, Linear, withTestListener: false, new JsonObject
        {
            ["strategy"] = "LINEAR",
            ["bakeTimeInMinutes"] = 1,
            ["linearConfiguration"] = new JsonObject { ["stepPercent"] = 25.0, ["stepBakeTimeInMinutes"] = 1 },
        });
        Add(world, cluster, Canary, withTestListener: false, new JsonObject
        {
            ["strategy"] = "CANARY",
            ["bakeTimeInMinutes"] = 1,
            ["canaryConfiguration"] = new JsonObject { ["canaryPercent"] = 10.0, ["canaryBakeTimeInMinutes"] = 1 },
        });
    }

    private static void Add(World world, Cluster cluster, string name, bool withTestListener, JsonObject configuration)
    {
        var lb = WorldBuilder.LoadBalancer(world, name + "-alb");
        var service = SeedScenario.AddService(world, cluster, lb, name, name + "-task");
        var blue = world.Elb.FindTargetGroup(service.LoadBalancers[0].TargetGroupArn!)!;
        var green = new TargetGroup
        {
            Name = name + "-green",
            Arn = world.Arn("elasticloadbalancing", $"targetgroup/{name}-green/{world.Ids.Hex(16)}"),
            Port = blue.Port,
            DeregistrationDelaySeconds = blue.DeregistrationDelaySeconds,
            HealthCheckIntervalSeconds = blue.HealthCheckIntervalSeconds,
            HealthyThresholdCount = blue.HealthyThresholdCount,
            UnhealthyThresholdCount = blue.UnhealthyThresholdCount,
        };
        green.LoadBalancerArns.Add(lb.Arn);
        world.Elb.TargetGroups.Add(green);

        var production = world.Elb.Listeners.Single(l => l.LoadBalancerArn == lb.Arn);
        var productionRule = world.Elb.Rules.Single(r => r.ListenerArn == production.Arn && r.IsDefault);
        string? testRuleArn = null;
        if (withTestListener)
        {
            var lbPart = lb.Arn[(lb.Arn.IndexOf("loadbalancer/", StringComparison.Ordinal) + "loadbalancer/".Length)..];
            var test = new Listener
            {
                Arn = world.Arn("elasticloadbalancing", $"listener/{lbPart}/{world.Ids.Hex(16)}"),
                LoadBalancerArn = lb.Arn,
                Port = 8443,
                DefaultTargetGroupArn = blue.Arn,
            };
            world.Elb.Listeners.Add(test);
            var testRule = new ListenerRule { Arn = RuleArn(world, test), ListenerArn = test.Arn, Priority = "1", IsDefault = false };
            testRule.HeaderConditions.Add((TestHeader, new[] { "true" }));
            testRule.ForwardTo.Add((blue.Arn, 100));
            testRule.ForwardTo.Add((green.Arn, 0));
            world.Elb.Rules.Add(testRule);
            world.Elb.Rules.Add(new ListenerRule { Arn = RuleArn(world, test), ListenerArn = test.Arn, FixedResponseStatus = 404 });
            testRuleArn = testRule.Arn;
        }
        productionRule.ForwardTo.Clear();
        productionRule.ForwardTo.Add((blue.Arn, 100));
        productionRule.ForwardTo.Add((green.Arn, 0));

        var lbConfig = service.LoadBalancers[0];
        service.LoadBalancers[0] = lbConfig with
        {
            Advanced = new AdvancedConfiguration(green.Arn, productionRule.Arn, testRuleArn, $"arn:aws:iam::{world.AccountId}:role/ecsInfrastructureRoleForLoadBalancers"),
        };
        var alarm = name + "-5xx";
        world.Alarms[alarm] = "OK";
        configuration["alarms"] = new JsonObject { ["alarmNames"] = new JsonArray(alarm), ["enable"] = true, ["rollback"] = true };
        service.DeploymentConfiguration.Apply(configuration);
    }

    private static string RuleArn(World world, Listener listener) =>
        listener.Arn.Replace(":listener/", ":listener-rule/", StringComparison.Ordinal) + "/" + world.Ids.Hex(16);
}
