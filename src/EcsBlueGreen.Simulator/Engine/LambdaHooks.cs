using System.Text.RegularExpressions;

namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// Simulated Lambda functions for AWS_LAMBDA lifecycle hooks, answering by their name
/// (<c>arn:aws:lambda:...:function:NAME</c>): a name containing <c>fail</c> returns FAILED; one containing
/// <c>in-progress-N</c> returns IN_PROGRESS for its first N invocations, then SUCCEEDED; any other succeeds.
/// </summary>
public static partial class LambdaHooks
{
    /// <summary>ECS calls an IN_PROGRESS hook again after its callback delay (the simulator's choice).</summary>
    public const double CallbackDelaySeconds = 10;

    /// <summary>A Lambda hook must be done within 15 minutes.</summary>
    public const double TimeoutMinutes = 15;

    public static string Invoke(string functionArn, int invocation)
    {
        var at = functionArn.IndexOf("function:", StringComparison.Ordinal);
        var name = at >= 0 ? functionArn[(at + "function:".Length)..] : functionArn;
        if (name.Contains(':', StringComparison.Ordinal)) name = name[..name.IndexOf(':', StringComparison.Ordinal)];
        if (name.Contains("fail", StringComparison.OrdinalIgnoreCase)) return "FAILED";
        var match = InProgress().Match(name);
        if (match.Success && invocation <= int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) return "IN_PROGRESS";
        return "SUCCEEDED";
    }

    [GeneratedRegex("in-progress-([0-9]+)", RegexOptions.IgnoreCase)]
    private static partial Regex InProgress();
}
