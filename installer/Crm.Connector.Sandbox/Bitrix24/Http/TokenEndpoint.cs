using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// The OAuth token endpoint, the sandbox's <c>https://oauth.bitrix.info/oauth/token/</c> (bitrix24-rest.md §2.3):
/// <c>grant_type=refresh_token</c> with client id/secret returns a NEW pair; a used or unknown refresh token is
/// 400 invalid_grant, a wrong client or an uninstalled app 401 invalid_client (§2.3 error codes). Not rate-limited,
/// never faulted.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(Portal portal, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        JObject parameters;
        try
        {
            parameters = await RequestParameters.ReadAsync(context.Request, cancellationToken);
        }
        catch (RestException)
        {
            parameters = [];
        }

        // §2.3: invalid_client is a wrong id/secret or an app that is not installed (after an uninstall, §1.5).
        var app = portal.App;
        if (!app.Installed ||
            !string.Equals(parameters.String("client_id"), app.ClientId, StringComparison.Ordinal) ||
            !string.Equals(parameters.String("client_secret"), app.ClientSecret, StringComparison.Ordinal))
        {
            portal.Stats.RefreshFailure();
            await JsonResponses.WriteErrorAsync(context, 401, "invalid_client", "Invalid client id or client secret.", null, cancellationToken);
            return;
        }

        if (!string.Equals(parameters.String("grant_type"), "refresh_token", StringComparison.Ordinal))
        {
            // Code exchange (§2.2) needs a browser authorization the sandbox does not emulate.
            portal.Stats.RefreshFailure();
            await JsonResponses.WriteErrorAsync(context, 400, "invalid_request", "Only grant_type=refresh_token is supported by the sandbox.", null, cancellationToken);
            return;
        }

        var outcome = portal.Tokens.Refresh(parameters.String("refresh_token"));
        if (outcome.Tokens is not { } tokens)
        {
            portal.Stats.RefreshFailure();
            await JsonResponses.WriteErrorAsync(context, 400, "invalid_grant", outcome.Error ?? "Invalid refresh token.", null, cancellationToken);
            return;
        }

        portal.Stats.Refresh();
        await JsonResponses.WriteAsync(context, 200, Describe(portal, tokens), cancellationToken);
    }

    /// <summary>The §2.3 refresh answer.</summary>
    public static JObject Describe(Portal portal, SandboxTokens tokens) => new()
    {
        ["access_token"] = tokens.AccessToken,
        ["client_endpoint"] = portal.ClientEndpoint.AbsoluteUri,
        ["domain"] = "oauth.bitrix.info",
        ["expires"] = tokens.ExpiresAt.ToUnixTimeSeconds(),
        ["expires_in"] = (int)portal.Tokens.AccessLifetime.TotalSeconds,
        ["member_id"] = portal.App.MemberId,
        ["refresh_token"] = tokens.RefreshToken,
        ["scope"] = Portal.AllScopes,
        ["server_endpoint"] = portal.ServerEndpoint.AbsoluteUri,
        ["status"] = portal.App.Status,
        ["user_id"] = tokens.UserId,
    };
}
