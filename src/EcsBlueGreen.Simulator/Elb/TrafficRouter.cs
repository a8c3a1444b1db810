using System.Globalization;
using System.Text.RegularExpressions;
using EcsBlueGreen.Simulator.Ecs;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Elb;

/// <summary>One HTTP answer of a simulated listener.</summary>
public sealed record TrafficAnswer(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body);

/// <summary>
/// How a simulated listener answers a request: the first rule (by priority, the default last) whose
/// conditions match, then a target group by the rule's forward weights (smooth weighted round robin, so
/// 10 requests at 90/10 reach green exactly once), then a healthy target of the group in turn (all registered
/// ones when none is healthy, as a load balancer fails open). The task answers with its image in
/// <c>x-simulator-image</c>; a task whose application is unhealthy (<c>SIM_HEALTH</c>) or not running answers 503, and one
/// whose <c>SIM_APP_STATUS</c> is set answers with that status while passing its health checks.
/// The caller holds <see cref="Simulation.Gate"/>.
/// </summary>
public sealed class TrafficRouter
{
    private readonly Dictionary<string, Dictionary<string, int>> ruleCredit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> groupTurn = new(StringComparer.Ordinal);

    public TrafficAnswer Answer(World world, Listener listener, string path, IReadOnlyDictionary<string, string> headers)
    {
        var rules = world.Elb.Rules.Where(r => r.ListenerArn == listener.Arn)
            .OrderBy(r => r.IsDefault ? int.MaxValue : int.Parse(r.Priority, CultureInfo.InvariantCulture)).ToList();
        var rule = rules.FirstOrDefault(r => Matches(r, path, headers));
        if (rule == null) return Plain(404, "no rule matched");
        if (rule.FixedResponseStatus is { } fixedStatus) return Plain(fixedStatus, "fixed response");
        var groupArn = PickGroup(rule);
        if (groupArn == null || world.Elb.FindTargetGroup(groupArn) is not { } group) return Plain(503, "no target group has weight");
        var registered = group.Targets.Where(t => !t.IsDraining).OrderBy(t => t.RegisteredAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var healthy = registered.Where(t => t.State == "healthy").ToList();
        var pool = healthy.Count > 0 ? healthy : registered;
        if (pool.Count == 0) return Plain(503, $"no targets in {group.Name}");
        groupTurn.TryGetValue(group.Arn, out var turn);
        groupTurn[group.Arn] = turn + 1;
        var task = pool[turn % pool.Count].Task;
        var (tag, digest) = Image(world, task);
        var ok = task.LastStatus == "RUNNING" && !task.Behaviour.Unhealthy;
        var answerHeaders = new List<(string, string)>
        {
            ("x-simulator-image", tag),
            ("x-simulator-task", task.Id),
            ("x-simulator-target-group", group.Name),
        };
        if (digest != null) answerHeaders.Add(("x-simulator-image-digest", digest));
        var status = ok ? task.Behaviour.AppStatus : 503;
        return new TrafficAnswer(status, answerHeaders, !ok ? $"image {tag} is unhealthy\n" : status < 400 ? $"image {tag}\n" : $"image {tag} answers {status}\n");
    }

    private string? PickGroup(ListenerRule rule)
    {
        var weighted = rule.ForwardTo.Where(f => f.Weight > 0).ToList();
        if (weighted.Count == 0) return null;
        if (!ruleCredit.TryGetValue(rule.Arn, out var credit)) ruleCredit[rule.Arn] = credit = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = weighted.Sum(f => f.Weight);
        string? best = null;
        var bestCredit = int.MinValue;
        foreach (var (arn, weight) in weighted)
        {
            credit[arn] = credit.GetValueOrDefault(arn) + weight;
            if (credit[arn] > bestCredit) { best = arn; bestCredit = credit[arn]; }
        }
        credit[best!] -= total;
        return best;
    }

    private static bool Matches(ListenerRule rule, string path, IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (field, values) in rule.Conditions)
        {
            if (field == "path-pattern" && !values.Any(v => Glob(v, path))) return false;
        }
        foreach (var (name, values) in rule.HeaderConditions)
        {
            if (!headers.TryGetValue(name, out var value) || !values.Any(v => Glob(v, value))) return false;
        }
        return true;
    }

    private static bool Glob(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The tag of the task's essential image as its revision names it (the first tag of the digest when pinned by digest).</summary>
    private static (string Tag, string? Digest) Image(World world, SimTask task)
    {
        var container = task.Containers.FirstOrDefault(c => c.Essential) ?? task.Containers[0];
        var reference = container.Image;
        var name = reference[(reference.LastIndexOf('/') + 1)..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digest = name[(at + 1)..];
            var repoPath = reference[(reference.IndexOf('/', StringComparison.Ordinal) + 1)..reference.IndexOf('@', StringComparison.Ordinal)];
            var tag = world.Ecr.Repositories.TryGetValue(repoPath, out var repo) ? repo.TagsOf(digest).FirstOrDefault() : null;
            return (tag ?? digest, container.ImageDigest ?? digest);
        }
        var colon = name.LastIndexOf(':');
        return (colon >= 0 ? name[(colon + 1)..] : "latest", container.ImageDigest);
    }

    private static TrafficAnswer Plain(int status, string body) => new(status, Array.Empty<(string, string)>(), body + "\n");
}
