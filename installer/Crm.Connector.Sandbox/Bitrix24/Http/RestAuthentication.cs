using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.OAuth;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// Who is calling (bitrix24-rest.md §2.4, §3, §12.4): the webhook's user and scopes when the path carries a valid
/// webhook secret, else the user of the OAuth <c>auth</c> token (application context, all scopes).
/// </summary>
internal static class RestAuthentication
{
    public static Caller Authenticate(Portal portal, RestPath path, JObject parameters)
    {
        if (path.IsWebhook)
        {
            // §12.4: a wrong webhook code is 401 NO_AUTH_FOUND. Only the admin's webhook exists.
            if (string.Equals(path.WebhookUser, "1", StringComparison.Ordinal) && string.Equals(path.WebhookSecret, portal.WebhookSecret, StringComparison.Ordinal))
            {
                return new Caller(1, IsApp: false, portal.WebhookScopes);
            }

            throw new RestException("NO_AUTH_FOUND", "Wrong authorization data", 401);
        }

        var token = Params.AsString(parameters.Get("auth"));
        if (string.IsNullOrEmpty(token))
        {
            throw new RestException("NO_AUTH_FOUND", "Wrong authorization data", 401);
        }

        var (check, userId) = portal.Tokens.Check(token);
        return check switch
        {
            AccessCheck.Valid => new Caller(userId, IsApp: true, new HashSet<string>(Portal.AllScopes.Split(','), StringComparer.OrdinalIgnoreCase)),
            AccessCheck.Expired => throw new RestException("expired_token", "The access token provided has expired.", 401),

            // UNCONFIRMED (§12.4): invalid_token is not in the official table; CRest and b24jssdk handle it as 401 (CRest:
            // "need reinstall application"). Tokens revoked by an uninstall (§1.5) answer the same.
            _ => throw new RestException("invalid_token", "The access token provided is invalid.", 401),
        };
    }
}
