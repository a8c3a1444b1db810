using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

/// <summary>
/// BLUE_GREEN, LINEAR and CANARY deployments on the <c>strategies</c> scenario, driven through the aws CLI where a
/// user would (update-service, describe-service-deployments, continue-service-deployment, elbv2 describe-rules),
/// with simulated time moved by the control surface and real HTTP through the listeners' loopback ports.
/// </summary>
public sealed class NativeDeploymentTests
{
    private const string Cluster = "myservice";
    private const string BlueGreen = "myservice-bluegreen";
    private const string Linear = "myservice-linear";
    private const string Canary = "myservice-canary";
    private const string Lambda = "arn:aws:lambda:eu-west-2:123456789012:function:";

    private static readonly string[] BlueGreenStages =
    {
        "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
        "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT", "BAKE_TIME", "CLEAN_UP",
    };

    private static Task<TestSimulator> Start() => TestSimulator.StartAsync(o => o.Scenario = "strategies");

    /// <summary>Registers a copy of the service's task definition with another image tag and deploys it with aws ecs update-service.</summary>
    private static async Task<string> Deploy(TestSimulator sim, string service, string tag, JsonObject? configuration = null)
    {
        var current = await sim.Ecs("DescribeTaskDefinition", new { taskDefinition = service + "-task" });
        var td = (JsonObject)current["taskDefinition"]!.DeepClone();
        foreach (var readOnly in new[] { "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt" })
            td.Remove(readOnly);
        td["containerDefinitions"]![0]!["image"] = $"{SeedHelpers.Image}:{tag}";
        var arn = (await sim.Ecs("RegisterTaskDefinition", td))["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
        var args = new List<string> { "ecs", "update-service", "--cluster", Cluster, "--service", service, "--task-definition", arn };
        if (configuration != null) { args.Add("--deployment-configuration"); args.Add(configuration.ToJsonString()); }
        var updated = await sim.Aws(args.ToArray());
        return updated["service"]!["currentServiceDeployment"]!.GetValue<string>();
    }

    private static JsonObject Hooks(params JsonObject[] hooks) => new() { ["lifecycleHooks"] = new JsonArray(hooks) };

    private static JsonObject Pause(string stage, int timeoutMinutes, string action) => new()
    {
        ["targetType"] = "PAUSE",
        ["lifecycleStages"] = new JsonArray(stage),
        ["timeoutConfiguration"] = new JsonObject { ["timeoutInMinutes"] = timeoutMinutes, ["action"] = action },
    };

    private static JsonObject LambdaHook(string function, string stage) => new()
    {
        ["targetType"] = "AWS_LAMBDA",
        ["hookTargetArn"] = Lambda + function,
        ["roleArn"] = "arn:aws:iam::123456789012:role/ecsHookRole",
        ["lifecycleStages"] = new JsonArray(stage),
    };

    /// <summary>DescribeServiceDeployments through the model-checked client (cheap enough to poll every simulated second).</summary>
    private static async Task<JsonObject> Sd(TestSimulator sim, string arn) =>
        (JsonObject)(await sim.Ecs("DescribeServiceDeployments", new { serviceDeploymentArns = new[] { arn } }))["serviceDeployments"]![0]!;

    private static async Task<JsonObject> CliSd(TestSimulator sim, string arn) =>
        (JsonObject)(await sim.Aws("ecs", "describe-service-deployments", "--service-deployment-arns", arn))["serviceDeployments"]![0]!;

    private static string? Stage(JsonObject sd) => sd["lifecycleStage"]?.GetValue<string>();

    private static double Weight(JsonObject sd, string which) => sd["targetServiceRevision"]![which]!.GetValue<double>();

    /// <summary>Advances one simulated second at a time until the condition holds, collecting each new stage seen.</summary>
    private static async Task<JsonObject> AdvanceUntil(TestSimulator sim, string arn, Func<JsonObject, bool> condition, double limitSeconds, List<string>? stages = null)
    {
        for (var t = 0; t <= limitSeconds; t++)
        {
            var sd = await Sd(sim, arn);
            if (stages != null && Stage(sd) is { } stage && (stages.Count == 0 || stages[^1] != stage)) stages.Add(stage);
            if (condition(sd)) return sd;
            await sim.Advance(1);
        }
        throw new Xunit.Sdk.XunitException($"condition not reached within {limitSeconds} simulated seconds");
    }

    private static async Task<(int Production, int? Test)> Ports(TestSimulator sim, string service)
    {
        var lbs = await sim.Aws("elbv2", "describe-load-balancers", "--names", service + "-alb");
        var lb = lbs["LoadBalancers"]![0]!;
        Assert.Equal("127.0.0.1", lb["DNSName"]!.GetValue<string>());
        var listeners = (await sim.Aws("elbv2", "describe-listeners", "--load-balancer-arn", lb["LoadBalancerArn"]!.GetValue<string>()))["Listeners"]!.AsArray();
        int production = 0;
        int? test = null;
        foreach (var l in listeners)
        {
            var isTest = l!["DefaultActions"]![0]!["Type"]!.GetValue<string>() == "fixed-response";
            if (isTest) test = l["Port"]!.GetValue<int>();
            else production = l["Port"]!.GetValue<int>();
        }
        return (production, test);
    }

    /// <summary>GET / on a listener port: status and x-simulator-image.</summary>
    private static async Task<(int Status, string? Image)> Get(int port, bool testHeader = false)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
        if (testHeader) request.Headers.Add("x-test-traffic", "true");
        using var response = await http.SendAsync(request);
        var image = response.Headers.TryGetValues("x-simulator-image", out var v) ? v.Single() : null;
        return ((int)response.StatusCode, image);
    }

    private static async Task<List<string?>> Images(int port, int count, bool testHeader = false)
    {
        var images = new List<string?>();
        for (var i = 0; i < count; i++) images.Add((await Get(port, testHeader)).Image);
        return images;
    }

    /// <summary>Forward weights (target group name → weight) of a rule, read with aws elbv2 describe-rules.</summary>
    private static async Task<Dictionary<string, int>> RuleWeights(TestSimulator sim, string ruleArn)
    {
        var rules = await sim.Aws("elbv2", "describe-rules", "--rule-arns", ruleArn);
        var groups = rules["Rules"]![0]!["Actions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray();
        var names = new Dictionary<string, int>();
        foreach (var g in groups)
        {
            var arn = g!["TargetGroupArn"]!.GetValue<string>();
            names[arn.Split('/')[1]] = g["Weight"]!.GetValue<int>();
        }
        return names;
    }

    private static async Task<JsonObject> Advanced(TestSimulator sim, string service)
    {
        var s = await sim.Aws("ecs", "describe-services", "--cluster", Cluster, "--services", service);
        return (JsonObject)s["services"]![0]!["loadBalancers"]![0]!["advancedConfiguration"]!;
    }

    [Fact]
    public async Task BlueGreenPausesAfterTestTrafficWithGreenOnTheTestListenerOnlyThenContinuesThroughEveryStage()
    {
        await using var sim = await Start();
        var advanced = await Advanced(sim, BlueGreen);
        var productionRule = advanced["productionListenerRule"]!.GetValue<string>();
        var testRule = advanced["testListenerRule"]!.GetValue<string>();
        var (production, test) = await Ports(sim, BlueGreen);
        Assert.Equal(new[] { "1.0", "1.0" }, await Images(production, 2));

        var arn = await Deploy(sim, BlueGreen, "2.0", Hooks(Pause("POST_TEST_TRAFFIC_SHIFT", 30, "ROLLBACK")));
        var stages = new List<string>();
        await AdvanceUntil(sim, arn, sd => sd["lifecycleHookDetails"]?.AsArray().Count == 1, 300, stages);

        var paused = await CliSd(sim, arn);
        Assert.Equal("IN_PROGRESS", paused["status"]!.GetValue<string>());
        Assert.Equal("POST_TEST_TRAFFIC_SHIFT", Stage(paused));
        Assert.Equal(100.0, Weight(paused, "requestedTestTrafficWeight"));
        Assert.Equal(0.0, Weight(paused, "requestedProductionTrafficWeight"));
        Assert.Equal(0.0, paused["sourceServiceRevisions"]![0]!["requestedTestTrafficWeight"]!.GetValue<double>());
        Assert.Equal(100.0, paused["sourceServiceRevisions"]![0]!["requestedProductionTrafficWeight"]!.GetValue<double>());
        var hook = paused["lifecycleHookDetails"]![0]!;
        Assert.Equal("PAUSE", hook["targetType"]!.GetValue<string>());
        Assert.Equal("AWAITING_ACTION", hook["status"]!.GetValue<string>());
        Assert.Equal("ROLLBACK", hook["timeoutAction"]!.GetValue<string>());
        var clock = await sim.Control("/_simulator/clock");
        Assert.Equal(clock["epochSeconds"]!.GetValue<double>() + 30 * 60, EpochOf(hook["expiresAt"]!));

        // The test listener (with the rule's header) answers from green; production and the header-less test port do not.
        Assert.Equal(new Dictionary<string, int> { ["myservice-bluegreen"] = 0, ["myservice-bluegreen-green"] = 100 }, await RuleWeights(sim, testRule));
        Assert.Equal(new Dictionary<string, int> { ["myservice-bluegreen"] = 100, ["myservice-bluegreen-green"] = 0 }, await RuleWeights(sim, productionRule));
        Assert.Equal(new[] { "2.0", "2.0", "2.0" }, await Images(test!.Value, 3, testHeader: true));
        Assert.Equal(new[] { "1.0", "1.0", "1.0" }, await Images(production, 3));
        Assert.Equal((404, (string?)null), await Get(test.Value));

        // Waiting longer changes nothing while the hook waits.
        await sim.Advance(120);
        Assert.Equal("POST_TEST_TRAFFIC_SHIFT", Stage(await Sd(sim, arn)));

        var continued = await sim.Aws("ecs", "continue-service-deployment", "--service-deployment-arn", arn, "--hook-id", hook["hookId"]!.GetValue<string>());
        Assert.Equal(arn, continued["serviceDeploymentArn"]!.GetValue<string>());
        var done = await AdvanceUntil(sim, arn, sd => sd["status"]!.GetValue<string>() == "SUCCESSFUL", 400, stages);

        Assert.Equal(BlueGreenStages, stages);
        Assert.Equal("CLEAN_UP", Stage(done));
        Assert.Equal("SUCCEEDED", done["lifecycleHookDetails"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(100.0, Weight(done, "requestedProductionTrafficWeight"));
        Assert.Equal(new Dictionary<string, int> { ["myservice-bluegreen"] = 0, ["myservice-bluegreen-green"] = 100 }, await RuleWeights(sim, productionRule));
        Assert.Equal(new[] { "2.0", "2.0" }, await Images(production, 2));

        // Bake time: one simulated minute between BAKE_TIME and CLEAN_UP.
        var timeline = (await sim.Control($"/_simulator/stages/{Cluster}/{BlueGreen}"))["deployments"]!.AsArray().Last()!["stages"]!.AsArray();
        var at = timeline.ToDictionary(s => s!["stage"]!.GetValue<string>(), s => DateTimeOffset.Parse(s!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromMinutes(1), at["CLEAN_UP"] - at["BAKE_TIME"]);

        var service = (await sim.Aws("ecs", "describe-services", "--cluster", Cluster, "--services", BlueGreen))["services"]![0]!;
        Assert.Single(service["deployments"]!.AsArray());
        Assert.Equal(2, service["runningCount"]!.GetValue<int>());

        // The next deployment goes the other way: green is now production, so the new revision starts in the original group.
        var next = await Deploy(sim, BlueGreen, "1.0");
        await AdvanceUntil(sim, next, sd => Stage(sd) == "POST_TEST_TRAFFIC_SHIFT", 300);
        Assert.Equal(new Dictionary<string, int> { ["myservice-bluegreen-green"] = 100, ["myservice-bluegreen"] = 0 }, await RuleWeights(sim, productionRule));
        Assert.Equal(new[] { "1.0" }, await Images(test.Value, 1, testHeader: true));
        Assert.Equal(new[] { "2.0" }, await Images(production, 1));
    }

    [Fact]
    public async Task LinearMovesProductionInQuarterStepsOneMinuteApartAndTheListenerFollowsTheWeights()
    {
        await using var sim = await Start();
        var productionRule = (await Advanced(sim, Linear))["productionListenerRule"]!.GetValue<string>();
        var (production, _) = await Ports(sim, Linear);
        var arn = await Deploy(sim, Linear, "2.0");

        var first = await AdvanceUntil(sim, arn, sd => Weight(sd, "requestedProductionTrafficWeight") > 0, 300);
        Assert.Equal("PRODUCTION_TRAFFIC_SHIFT", Stage(first));
        Assert.Equal(25.0, Weight(first, "requestedProductionTrafficWeight"));
        Assert.Equal(new Dictionary<string, int> { ["myservice-linear"] = 75, ["myservice-linear-green"] = 25 }, await RuleWeights(sim, productionRule));
        Assert.Equal(1, (await Images(production, 4)).Count(i => i == "2.0"));

        var weights = new List<(double Weight, double At)> { (25, (await sim.Control("/_simulator/clock"))["epochSeconds"]!.GetValue<double>()) };
        for (var step = 0; step < 3; step++)
        {
            var last = weights[^1].Weight;
            var sd = await AdvanceUntil(sim, arn, x => Weight(x, "requestedProductionTrafficWeight") > last, 200);
            weights.Add((Weight(sd, "requestedProductionTrafficWeight"), (await sim.Control("/_simulator/clock"))["epochSeconds"]!.GetValue<double>()));
        }
        Assert.Equal(new[] { 25.0, 50.0, 75.0, 100.0 }, weights.Select(w => w.Weight));
        // Each step waits the one-minute step bake, plus one engine step each for PRE_PRODUCTION_TRAFFIC_SHIFT and the shift itself.
        Assert.All(weights.Zip(weights.Skip(1)), p => Assert.Equal(61, p.Second.At - p.First.At));

        var cli = await CliSd(sim, arn);
        Assert.Equal(100.0, Weight(cli, "requestedProductionTrafficWeight"));
        await AdvanceUntil(sim, arn, sd => sd["status"]!.GetValue<string>() == "SUCCESSFUL", 300);
        Assert.Equal(new[] { "2.0", "2.0", "2.0" }, await Images(production, 3));
    }

    [Fact]
    public async Task CanaryGatedByALambdaHookThatStaysInProgressTwiceSendsTenPercentThenTheRest()
    {
        await using var sim = await Start();
        var (production, _) = await Ports(sim, Canary);
        var arn = await Deploy(sim, Canary, "2.0", Hooks(LambdaHook("canary-check-in-progress-2", "PRE_PRODUCTION_TRAFFIC_SHIFT")));

        // The PRE_PRODUCTION_TRAFFIC_SHIFT hook runs at the start of the shift: the deployment reports PRODUCTION_TRAFFIC_SHIFT at weight 0.
        var waiting = await AdvanceUntil(sim, arn, sd => sd["lifecycleHookDetails"]?.AsArray().Count == 1, 300);
        Assert.Equal("PRODUCTION_TRAFFIC_SHIFT", Stage(waiting));
        Assert.Equal(0.0, Weight(waiting, "requestedProductionTrafficWeight"));
        var hook = waiting["lifecycleHookDetails"]![0]!;
        Assert.Equal("AWS_LAMBDA", hook["targetType"]!.GetValue<string>());
        Assert.Equal(Lambda + "canary-check-in-progress-2", hook["targetArn"]!.GetValue<string>());
        Assert.Equal("IN_PROGRESS", hook["status"]!.GetValue<string>());
        // Invoked now, again after 10 s and after 20 s (the third answer is SUCCEEDED), then the canary step.
        var canary = await AdvanceUntil(sim, arn, sd => Weight(sd, "requestedProductionTrafficWeight") > 0, 100);
        Assert.Equal(10.0, Weight(canary, "requestedProductionTrafficWeight"));
        Assert.Equal("SUCCEEDED", canary["lifecycleHookDetails"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(1, (await Images(production, 10)).Count(i => i == "2.0"));

        // The hook runs again before the second step (every production step is preceded by PRE_PRODUCTION_TRAFFIC_SHIFT).
        var full = await AdvanceUntil(sim, arn, sd => Weight(sd, "requestedProductionTrafficWeight") == 100, 200);
        Assert.Equal(2, full["lifecycleHookDetails"]!.AsArray().Count);
        var cli = await CliSd(sim, arn);
        Assert.Equal(new[] { "SUCCEEDED", "SUCCEEDED" }, cli["lifecycleHookDetails"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        await AdvanceUntil(sim, arn, sd => sd["status"]!.GetValue<string>() == "SUCCESSFUL", 300);
    }

    [Fact]
    public async Task AFailingLambdaHookRollsBackAndProductionNeverReachesGreen()
    {
        await using var sim = await Start();
        var advanced = await Advanced(sim, BlueGreen);
        var (production, test) = await Ports(sim, BlueGreen);
        var before = (await sim.Ecs("DescribeServices", new { cluster = Cluster, services = new[] { BlueGreen } }))["services"]![0]!["taskDefinition"]!.GetValue<string>();
        var arn = await Deploy(sim, BlueGreen, "2.0", Hooks(LambdaHook("smoke-test-fail", "POST_TEST_TRAFFIC_SHIFT")));

        var seen = new List<string?>();
        var rolling = await AdvanceUntil(sim, arn, sd =>
        {
            seen.Add(Stage(sd));
            return sd["status"]!.GetValue<string>() is not ("PENDING" or "IN_PROGRESS");
        }, 300);
        Assert.Equal("ROLLBACK_IN_PROGRESS", rolling["status"]!.GetValue<string>());
        Assert.Equal("POST_TEST_TRAFFIC_SHIFT", Stage(rolling));
        Assert.Contains("smoke-test-fail", rolling["statusReason"]!.GetValue<string>());
        Assert.Contains("POST_TEST_TRAFFIC_SHIFT", rolling["rollback"]!["reason"]!.GetValue<string>());
        Assert.Equal("FAILED", rolling["lifecycleHookDetails"]![0]!["status"]!.GetValue<string>());
        Assert.DoesNotContain("PRODUCTION_TRAFFIC_SHIFT", seen);
        Assert.Equal(0.0, Weight(rolling, "requestedTestTrafficWeight"));
        Assert.Equal(new Dictionary<string, int> { ["myservice-bluegreen"] = 100, ["myservice-bluegreen-green"] = 0 }, await RuleWeights(sim, advanced["testListenerRule"]!.GetValue<string>()));
        Assert.Equal(new[] { "1.0", "1.0" }, await Images(test!.Value, 2, testHeader: true));

        var done = await AdvanceUntil(sim, arn, sd => sd["status"]!.GetValue<string>() != "ROLLBACK_IN_PROGRESS", 300);
        Assert.Equal("ROLLBACK_SUCCESSFUL", done["status"]!.GetValue<string>());
        var after = (await sim.Aws("ecs", "describe-services", "--cluster", Cluster, "--services", BlueGreen))["services"]![0]!;
        Assert.Equal(before, after["taskDefinition"]!.GetValue<string>());
        Assert.Equal(new[] { "1.0", "1.0", "1.0" }, await Images(production, 3));
    }

    [Fact]
    public async Task APauseThatExpiresAppliesItsTimeoutAction()
    {
        await using var sim = await Start();
        var proceeds = await Deploy(sim, BlueGreen, "2.0", Hooks(Pause("POST_SCALE_UP", 1, "CONTINUE")));
        var rollsBack = await Deploy(sim, Linear, "2.0", Hooks(Pause("POST_SCALE_UP", 2, "ROLLBACK")));

        await AdvanceUntil(sim, proceeds, sd => Stage(sd) == "POST_SCALE_UP", 300);
        var pausedAt = (await sim.Control("/_simulator/clock"))["epochSeconds"]!.GetValue<double>();
        var expired = await AdvanceUntil(sim, proceeds, sd => sd["lifecycleHookDetails"]![0]!["status"]!.GetValue<string>() != "AWAITING_ACTION", 120);
        Assert.Equal(pausedAt + 60, (await sim.Control("/_simulator/clock"))["epochSeconds"]!.GetValue<double>());
        Assert.Equal("TIMED_OUT", expired["lifecycleHookDetails"]![0]!["status"]!.GetValue<string>());
        var moved = await AdvanceUntil(sim, proceeds, sd => Stage(sd) != "POST_SCALE_UP", 5);
        Assert.Equal("TEST_TRAFFIC_SHIFT", Stage(moved));
        Assert.Equal("IN_PROGRESS", moved["status"]!.GetValue<string>());

        var rolled = await AdvanceUntil(sim, rollsBack, sd => sd["status"]!.GetValue<string>() is not ("PENDING" or "IN_PROGRESS"), 300);
        Assert.Equal("ROLLBACK_IN_PROGRESS", rolled["status"]!.GetValue<string>());
        Assert.Equal("POST_SCALE_UP", Stage(rolled));
        var cli = await CliSd(sim, rollsBack);
        Assert.Equal("TIMED_OUT", cli["lifecycleHookDetails"]![0]!["status"]!.GetValue<string>());
        Assert.Contains("timed out", cli["statusReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAlarmDuringBakeRollsBackWithProductionBackOnBlueAtOnce()
    {
        await using var sim = await Start();
        var productionRule = (await Advanced(sim, Canary))["productionListenerRule"]!.GetValue<string>();
        var (production, _) = await Ports(sim, Canary);
        var arn = await Deploy(sim, Canary, "2.0");
        var baking = await AdvanceUntil(sim, arn, sd => Stage(sd) == "BAKE_TIME", 400);
        Assert.Equal(100.0, Weight(baking, "requestedProductionTrafficWeight"));
        Assert.Equal("MONITORING", baking["alarms"]!["status"]!.GetValue<string>());
        Assert.Equal(new[] { "2.0", "2.0" }, await Images(production, 2));

        await sim.ControlPost("/_simulator/alarms/myservice-canary-5xx?state=ALARM");
        await sim.Advance(1);
        var rolling = await CliSd(sim, arn);
        Assert.Equal("ROLLBACK_IN_PROGRESS", rolling["status"]!.GetValue<string>());
        Assert.Equal("BAKE_TIME", Stage(rolling));
        Assert.Equal("TRIGGERED", rolling["alarms"]!["status"]!.GetValue<string>());
        Assert.Equal(new[] { "myservice-canary-5xx" }, rolling["alarms"]!["triggeredAlarmNames"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("myservice-canary-5xx", rolling["rollback"]!["reason"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, int> { ["myservice-canary"] = 100, ["myservice-canary-green"] = 0 }, await RuleWeights(sim, productionRule));
        Assert.Equal(new[] { "1.0", "1.0", "1.0" }, await Images(production, 3));
        var done = await AdvanceUntil(sim, arn, sd => sd["status"]!.GetValue<string>() != "ROLLBACK_IN_PROGRESS", 300);
        Assert.Equal("ROLLBACK_SUCCESSFUL", done["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ContinueWithRollbackAndStopServiceDeploymentPutProductionBackOnBlue()
    {
        await using var sim = await Start();
        var bgRule = (await Advanced(sim, BlueGreen))["productionListenerRule"]!.GetValue<string>();
        var bg = await Deploy(sim, BlueGreen, "2.0", Hooks(Pause("POST_PRODUCTION_TRAFFIC_SHIFT", 60, "CONTINUE")));
        var paused = await AdvanceUntil(sim, bg, sd => Stage(sd) == "POST_PRODUCTION_TRAFFIC_SHIFT", 400);
        Assert.Equal(new Dictionary<string, int> { ["myservice-bluegreen"] = 0, ["myservice-bluegreen-green"] = 100 }, await RuleWeights(sim, bgRule));

        var wrong = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("ContinueServiceDeployment", new { serviceDeploymentArn = bg, hookId = "not-a-hook" }));
        Assert.Equal("InvalidParameterException", wrong.Code);
        var hookId = paused["lifecycleHookDetails"]![0]!["hookId"]!.GetValue<string>();
        await sim.Aws("ecs", "continue-service-deployment", "--service-deployment-arn", bg, "--hook-id", hookId, "--action", "ROLLBACK");
        // No time has passed: the call itself moved production back.
        Assert.Equal(new Dictionary<string, int> { ["myservice-bluegreen"] = 100, ["myservice-bluegreen-green"] = 0 }, await RuleWeights(sim, bgRule));
        var rolled = await CliSd(sim, bg);
        Assert.Equal("ROLLBACK_IN_PROGRESS", rolled["status"]!.GetValue<string>());
        Assert.Equal("FAILED", rolled["lifecycleHookDetails"]![0]!["status"]!.GetValue<string>());
        var again = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("ContinueServiceDeployment", new { serviceDeploymentArn = bg, hookId }));
        Assert.Equal("InvalidParameterException", again.Code);

        var linearRule = (await Advanced(sim, Linear))["productionListenerRule"]!.GetValue<string>();
        var linear = await Deploy(sim, Linear, "2.0");
        await AdvanceUntil(sim, linear, sd => Weight(sd, "requestedProductionTrafficWeight") == 50, 400);
        Assert.Equal(new Dictionary<string, int> { ["myservice-linear"] = 50, ["myservice-linear-green"] = 50 }, await RuleWeights(sim, linearRule));
        await sim.Aws("ecs", "stop-service-deployment", "--service-deployment-arn", linear, "--stop-type", "ROLLBACK");
        await sim.Advance(1);
        Assert.Equal(new Dictionary<string, int> { ["myservice-linear"] = 100, ["myservice-linear-green"] = 0 }, await RuleWeights(sim, linearRule));
        var stopped = await AdvanceUntil(sim, linear, sd => sd["status"]!.GetValue<string>() is "ROLLBACK_SUCCESSFUL" or "ROLLBACK_FAILED", 300);
        Assert.Equal("ROLLBACK_SUCCESSFUL", stopped["status"]!.GetValue<string>());
        Assert.Equal(0.0, Weight(stopped, "requestedProductionTrafficWeight"));
    }

    [Fact]
    public async Task TheStrategiesScenarioMatchesTheModelsWithRulesHeadersAndAdvancedConfiguration()
    {
        await using var sim = await Start();
        var services = await sim.Ecs("DescribeServices", new { cluster = Cluster, services = new[] { BlueGreen, Linear, Canary } });
        Assert.Equal(new[] { "BLUE_GREEN", "LINEAR", "CANARY" }, services["services"]!.AsArray().Select(s => s!["deploymentConfiguration"]!["strategy"]!.GetValue<string>()));
        var bg = services["services"]![0]!;
        var advanced = bg["loadBalancers"]![0]!["advancedConfiguration"]!;
        Assert.Equal("myservice-bluegreen", bg["loadBalancers"]![0]!["targetGroupArn"]!.GetValue<string>().Split('/')[1]);
        Assert.Equal("myservice-bluegreen-green", advanced["alternateTargetGroupArn"]!.GetValue<string>().Split('/')[1]);
        Assert.Equal(1, bg["deploymentConfiguration"]!["bakeTimeInMinutes"]!.GetValue<int>());
        Assert.Null(services["services"]![1]!["loadBalancers"]![0]!["advancedConfiguration"]!["testListenerRule"]);

        var lbs = await sim.Elb("DescribeLoadBalancers", new Dictionary<string, string> { ["Names.member.1"] = BlueGreen + "-alb" });
        var lbArn = TestSimulator.All(lbs, "LoadBalancerArn").Single().Value;
        var listeners = await sim.Elb("DescribeListeners", new Dictionary<string, string> { ["LoadBalancerArn"] = lbArn });
        Assert.Equal(new[] { "forward", "fixed-response" }, TestSimulator.All(listeners, "Type").Select(t => t.Value));
        var testRule = advanced["testListenerRule"]!.GetValue<string>();
        var rules = await sim.Elb("DescribeRules", new Dictionary<string, string> { ["RuleArns.member.1"] = testRule });
        Assert.Equal("x-test-traffic", TestSimulator.All(rules, "HttpHeaderName").Single().Value);
        Assert.Equal("http-header", TestSimulator.All(rules, "Field").Single().Value);
        var groups = await sim.Elb("DescribeTargetGroups", new Dictionary<string, string> { ["LoadBalancerArn"] = lbArn });
        Assert.Equal(new[] { "myservice-bluegreen", "myservice-bluegreen-green" }, TestSimulator.All(groups, "TargetGroupName").Select(n => n.Value));
    }

    [Fact]
    public async Task ARollingDeploymentHasNoStagesAndNothingToContinue()
    {
        await using var sim = await TestSimulator.StartAsync();
        var s = await sim.Deploy("2.0", new { strategy = "ROLLING" });
        var arn = s["currentServiceDeployment"]!.GetValue<string>();
        await sim.Advance(30);
        var sd = await Sd(sim, arn);
        Assert.Null(sd["lifecycleStage"]);
        Assert.Null(sd["lifecycleHookDetails"]);
        Assert.Null(sd["targetServiceRevision"]!["requestedProductionTrafficWeight"]);
        var refused = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("ContinueServiceDeployment", new { serviceDeploymentArn = arn, hookId = "any" }));
        Assert.Equal("InvalidParameterException", refused.Code);
    }

    [Fact]
    public async Task PauseHooksAtATrafficShiftAreRefused()
    {
        await using var sim = await Start();
        var input = new JsonObject
        {
            ["cluster"] = Cluster,
            ["service"] = BlueGreen,
            ["deploymentConfiguration"] = Hooks(Pause("PRODUCTION_TRAFFIC_SHIFT", 10, "ROLLBACK")),
        };
        var refused = await Assert.ThrowsAsync<AwsError>(() => sim.Ecs("UpdateService", input));
        Assert.Equal("InvalidParameterException", refused.Code);
        Assert.Contains("PRODUCTION_TRAFFIC_SHIFT", refused.Message);
    }

    [Fact]
    public async Task AnUnhealthyImageAnswers503ThroughTheListener()
    {
        await using var sim = await TestSimulator.StartAsync();
        var lb = await sim.Elb("DescribeLoadBalancers");
        var lbArn = TestSimulator.All(lb, "LoadBalancerArn").Single().Value;
        var listeners = await sim.Elb("DescribeListeners", new Dictionary<string, string> { ["LoadBalancerArn"] = lbArn });
        var port = int.Parse(TestSimulator.All(listeners, "Port").Single().Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((200, "1.0"), await Get(port));

        // Old tasks go at once (minimum 0 %), so only 2.2's never-healthy targets are registered: the load balancer fails open to them.
        var deployed = await sim.Deploy("2.2", new { minimumHealthyPercent = 0, maximumPercent = 100 });
        var primary = SeedHelpers.PrimaryId(deployed);
        await sim.AdvanceUntil(s => s["deployments"]!.AsArray().Any(d => d!["id"]!.GetValue<string>() == primary && d["runningCount"]!.GetValue<int>() == 2), 120);
        Assert.Equal((503, "2.2"), await Get(port));
    }

    [Fact]
    public async Task ListenerPortsAreReleasedOnScenarioReloadAndShutdown()
    {
        var sim = await Start();
        var (oldPort, oldTest) = await Ports(sim, BlueGreen);
        Assert.Equal(200, (await Get(oldPort)).Status);
        await sim.ControlPost("/_simulator/scenario/seed");
        await AssertRefused(oldPort);
        await AssertRefused(oldTest!.Value);
        var lb = await sim.Elb("DescribeLoadBalancers");
        var listeners = await sim.Elb("DescribeListeners", new Dictionary<string, string> { ["LoadBalancerArn"] = TestSimulator.All(lb, "LoadBalancerArn").Single().Value });
        var seedPort = int.Parse(TestSimulator.All(listeners, "Port").Single().Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((200, "1.0"), await Get(seedPort));
        await sim.DisposeAsync();
        await AssertRefused(seedPort);
    }

    /// <summary>A timestamp as the CLI prints it: epoch seconds, or ISO 8601 when botocore knows the member.</summary>
    private static double EpochOf(JsonNode value) => value.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? value.GetValue<double>()
        : DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    private static async Task AssertRefused(int port)
    {
        using var client = new TcpClient();
        var e = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
    }
}
