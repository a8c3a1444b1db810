namespace EcsBlueGreen.Simulator.Engine;

/// <summary>
/// All identifiers come from one seeded generator so a run with the same seed and the same
/// calls produces the same ids (tests and bug reports can be replayed).
/// </summary>
public sealed class IdGenerator
{
    private readonly Random random;
    private int nextIp = 10;

    public IdGenerator(int seed) => random = new Random(seed);

    public string Hex(int length)
    {
        const string digits = "0123456789abcdef";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = digits[random.Next(16)];
        return new string(chars);
    }

    public string Digits(int length)
    {
        var chars = new char[length];
        chars[0] = (char)('1' + random.Next(9));
        for (var i = 1; i < length; i++) chars[i] = (char)('0' + random.Next(10));
        return new string(chars);
    }

    public string Alphanumeric(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    public string Uuid()
    {
        var h = Hex(32);
        return $"{h[..8]}-{h[8..12]}-4{h[13..16]}-a{h[17..20]}-{h[20..32]}";
    }

    /// <summary>ECS deployment ids look like <c>ecs-svc/</c> followed by 19 decimal digits.</summary>
    public string DeploymentId() => "ecs-svc/" + Digits(19);

    /// <summary>Service deployment ids look like <c>NCWGC2ZR-taawPAYrIaU5</c>.</summary>
    public string ServiceDeploymentId() => Alphanumeric(8).ToUpperInvariant() + "-" + Alphanumeric(12);

    /// <summary>Private IPv4 addresses for awsvpc tasks (targets of type ip).</summary>
    public string PrivateIp()
    {
        var n = nextIp++;
        return $"10.0.{n / 250 % 250}.{n % 250 + 1}";
    }
}
