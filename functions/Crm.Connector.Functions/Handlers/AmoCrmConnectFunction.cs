using Crm.Connector.Functions.AmoCrm;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// <c>GET /api/amocrm/connect</c>: where an admin starts installing from the app's site — a redirect to amoCRM's consent
/// page (amocrm-api.md §2.2) with a fresh signed <c>state</c> that <c>/api/amocrm/install</c> checks.
/// </summary>
public sealed class AmoCrmConnectFunction(IOptions<AmoCrmAppOptions> options, TimeProvider time)
{
    public const string Name = "amocrm-connect";

    [Function(Name)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0060", Justification = "The trigger parameter binds the function to its route; the redirect needs nothing from the request.")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "amocrm/connect")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured)
        {
            return AmoInstallPage.Refusal(503, "NOT_CONFIGURED", "The amoCRM integration is not configured on this server (AmoCrm:ClientId, AmoCrm:ClientSecret).").ToActionResult();
        }

        var state = AmoInstallState.Issue(o.ClientSecret!, time.GetUtcNow());
        var url = new UriBuilder(o.AuthorizeUrl) { Query = $"client_id={Uri.EscapeDataString(o.ClientId!)}&state={Uri.EscapeDataString(state)}&mode=popup" };
        return new RedirectResult(url.Uri.AbsoluteUri, permanent: false);
    }
}
