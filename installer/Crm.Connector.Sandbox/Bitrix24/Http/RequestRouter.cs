using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Pages;
using Microsoft.AspNetCore.Http;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// Routes requests of both listeners: the token endpoint, <c>/_sandbox</c>, the portal pages that frame the app
/// (<see cref="PortalPages"/>) and REST. After a domain change (§2.5) the old address answers every request except the
/// token endpoint and <c>/_sandbox</c> with 302 to the same path and query on the new address.
/// </summary>
internal sealed class RequestRouter(Portal portal)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var isToken = path.StartsWith("/oauth/token", StringComparison.Ordinal);
        var isControl = path.StartsWith("/_sandbox/", StringComparison.Ordinal);
        if (portal.DomainChanged && context.Connection.LocalPort == portal.BaseUrl.Port && !isToken && !isControl)
        {
            portal.Stats.Redirect();
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = portal.AlternateBaseUrl.AbsoluteUri.TrimEnd('/') + path + context.Request.QueryString.Value;
            return;
        }

        if (isToken)
        {
            await TokenEndpoint.HandleAsync(portal, context);
        }
        else if (isControl)
        {
            await ControlEndpoint.HandleAsync(portal, context);
        }
        else if (PortalPages.Matches(path))
        {
            await PortalPages.HandleAsync(portal, context);
        }
        else if (RestPath.Parse(path) is { } rest)
        {
            await RestEndpoint.HandleAsync(portal, context, rest);
        }
        else
        {
            await JsonResponses.WriteErrorAsync(context, 404, "NOT_FOUND", "Not a REST address; use /rest/{method} or /rest/{user}/{secret}/{method}.", null, context.RequestAborted);
        }
    }
}
