using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Methods.Placement;
using Crm.Connector.Sandbox.Bitrix24.OAuth;

namespace Crm.Connector.Sandbox.Bitrix24.Pages;

/// <summary>
/// Builds the POST a portal page sends into the app's frame (bitrix24-rest.md §1.2, widgets/crm/detail-toolbar.md):
/// a fresh OAuth pair of the acting user (tokens are limited by that user's rights), a fresh APP_SID per frame, LANG =
/// the portal language the app was installed with, SERVER_ENDPOINT the sandbox's own <c>/rest/</c> (it plays
/// oauth.bitrix.info, as in the installation forms).
/// </summary>
internal static class FramePosts
{
    public static SandboxFramePost Build(Portal portal, int userId, string placement, string? optionsJson, Uri? handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(placement);
        var app = portal.App;
        if (!app.Installed)
        {
            throw new InvalidOperationException("The app is not installed on this portal; install it first.");
        }

        lock (portal.State.Gate)
        {
            if (!portal.State.Users.ContainsKey(userId))
            {
                throw new ArgumentOutOfRangeException(nameof(userId), userId, "The portal has users 1 (admin) to 4.");
            }
        }

        var target = handler ?? HandlerOf(portal, placement);
        var tokens = portal.Tokens.Issue(userId);
        var portalUrl = portal.CurrentBaseUrl;
        return new SandboxFramePost
        {
            Handler = target,
            Query =
            [
                new("DOMAIN", portalUrl.Authority),
                new("PROTOCOL", portalUrl.Scheme == Uri.UriSchemeHttps ? "1" : "0"),
                new("LANG", app.Language),
                new("APP_SID", RandomTokens.Hex(32)),
            ],
            Body =
            [
                new("AUTH_ID", tokens.AccessToken),
                new("AUTH_EXPIRES", ((int)portal.Tokens.AccessLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
                new("REFRESH_ID", tokens.RefreshToken),
                new("SERVER_ENDPOINT", portal.ServerEndpoint.AbsoluteUri),
                new("APPLICATION_TOKEN", app.ApplicationToken),
                new("APPLICATION_SCOPE", Portal.AllScopes),
                new("member_id", app.MemberId),
                new("status", app.Status),
                new("PLACEMENT", placement),
                new("PLACEMENT_OPTIONS", optionsJson ?? "{}"),
            ],
            Tokens = tokens,
        };
    }

    /// <summary>
    /// PLACEMENT_OPTIONS of a deal card's toolbar item: the deal id as a string and the universal <c>URI</c> key the
    /// portal adds (detail-toolbar.md sample: <c>{"ID":"8061","URI":"/crm/deal/details/8061/?…"}</c>).
    /// </summary>
    public static string DealOptions(int dealId)
    {
        var id = dealId.ToString(CultureInfo.InvariantCulture);
        return new Newtonsoft.Json.Linq.JObject { ["ID"] = id, ["URI"] = $"/crm/deal/details/{id}/" }.ToString(Newtonsoft.Json.Formatting.None);
    }

    private static Uri HandlerOf(Portal portal, string placement)
    {
        if (placement == PlacementCodes.Default)
        {
            return portal.AppHandler
                ?? throw new InvalidOperationException("The app has no main page; call Bitrix24Sandbox.SetAppHandler or set Bitrix24SandboxOptions.AppHandler.");
        }

        lock (portal.State.Gate)
        {
            var binding = portal.State.Placements.Values.FirstOrDefault(p => p.Placement == placement)
                ?? throw new InvalidOperationException($"The app has no handler bound to {placement} (placement.bind).");
            return new Uri(binding.Handler);
        }
    }
}
