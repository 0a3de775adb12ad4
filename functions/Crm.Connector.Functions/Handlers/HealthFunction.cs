using System.Reflection;
using Crm.Connector.Functions.Health;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.Http;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>GET /api/health</c>: the process is up, and what its store holds (503 when the store is unreachable).</summary>
public sealed class HealthFunction(HostingInfo hosting, IStore store, TimeProvider time)
{
    public const string Name = "health";

    private static readonly string Version =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    [Function(Name)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0060", Justification = "The trigger parameter binds the function to its route; health needs nothing from the request.")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = new HealthReport("ok", Version, hosting.Mode == HostingMode.Local ? "local" : "isolated-worker", time.GetUtcNow()) { Store = store.Engine.ToString() };
        int status;
        try
        {
            var inbox = await store.Inbox.CountAsync(null, cancellationToken);
            report = report with
            {
                SchemaVersion = await store.SchemaVersionAsync(cancellationToken),
                InboxPending = inbox.GetValueOrDefault(InboxStatus.Pending),
                InboxFailed = inbox.GetValueOrDefault(InboxStatus.Failed),
            };
            status = 200;
        }
        catch (System.Data.Common.DbException e)
        {
            report = report with { Status = "degraded", Error = "The store cannot be reached: " + e.Message };
            status = 503;
        }

        var json = JObject.FromObject(report, Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
        {
            ContractResolver = new Newtonsoft.Json.Serialization.CamelCasePropertyNamesContractResolver(),
            NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
        }));
        return HttpOutput.Json(status, json).ToActionResult();
    }
}
