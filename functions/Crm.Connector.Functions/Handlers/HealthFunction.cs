using System.Reflection;
using Crm.Connector.Functions.Health;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.Invocation;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>GET /api/health</c>: the process is up and answering.</summary>
public sealed class HealthFunction(HostingInfo hosting, TimeProvider time) : IFunction
{
    private static readonly string Version =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public FunctionDefinition Definition { get; } = new("health", new HttpTrigger("health", ["GET"]), [FunctionOutput.Http]);

    public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var report = new HealthReport("ok", Version, hosting.Mode == HostingMode.Local ? "local" : "custom-handler", time.GetUtcNow());
        return Task.FromResult(InvocationResults.Http(HttpOutput.Json(200, JObject.FromObject(report, Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings { ContractResolver = new Newtonsoft.Json.Serialization.CamelCasePropertyNamesContractResolver() })))));
    }
}
