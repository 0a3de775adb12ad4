using System.Reflection;
using Crm.Connector.Functions.Hosting;

namespace Crm.Connector.Functions.Health;

/// <summary><c>GET /api/health</c>: the process is up and answering.</summary>
public static class HealthEndpoint
{
    public const string Route = "/api/health";

    private static readonly string Version =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, (HostingInfo hosting, TimeProvider time) =>
            Results.Ok(new HealthReport("ok", Version, hosting.Mode == HostingMode.Local ? "local" : "custom-handler", time.GetUtcNow())));
        return endpoints;
    }
}
