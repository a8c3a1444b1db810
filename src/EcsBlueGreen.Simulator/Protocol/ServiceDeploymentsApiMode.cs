namespace EcsBlueGreen.Simulator.Protocol;

/// <summary>How the service-deployments API (List/Describe/StopServiceDeployment(s)) answers.</summary>
public enum ServiceDeploymentsApiMode
{
    /// <summary>As ECS does.</summary>
    Available,

    /// <summary>AccessDeniedException: an account whose policy does not allow it.</summary>
    Denied,

    /// <summary>UnknownOperationException: a region or partition that lacks it.</summary>
    UnknownOperation,

    /// <summary>HTTP 500 with an HTML page: a front end whose service behind it fails, to every attempt.</summary>
    HtmlServerError,
}

/// <summary>The control surface's names for <see cref="ServiceDeploymentsApiMode"/>.</summary>
public static class ServiceDeploymentsApiModes
{
    private static readonly Dictionary<string, ServiceDeploymentsApiMode> ByName = new(StringComparer.Ordinal)
    {
        ["available"] = ServiceDeploymentsApiMode.Available,
        ["denied"] = ServiceDeploymentsApiMode.Denied,
        ["unknown-operation"] = ServiceDeploymentsApiMode.UnknownOperation,
        ["html-500"] = ServiceDeploymentsApiMode.HtmlServerError,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string name, out ServiceDeploymentsApiMode mode) => ByName.TryGetValue(name, out mode);

    public static string Name(ServiceDeploymentsApiMode mode) => ByName.First(p => p.Value == mode).Key;
}
