using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.OAuth;

namespace Crm.Connector.Sandbox.Bitrix24.Install;

/// <summary>
/// The forms Bitrix24 POSTs to an app's installation handler, field for field and in the reference's order:
/// the installation callback (bitrix24-rest.md §1.2), ONAPPINSTALL (§1.3), ONAPPUPDATE (§1.4), ONAPPUNINSTALL (§1.5).
/// <c>SERVER_ENDPOINT</c> / <c>auth[server_endpoint]</c> is the sandbox's own <c>/rest/</c>: the sandbox plays
/// oauth.bitrix.info too (its token endpoint is <c>/oauth/token/</c>), and <c>app.info</c> answers there as on
/// <c>https://oauth.bitrix.info/rest/app.info</c> (§1.2).
/// </summary>
internal static class InstallForms
{
    /// <summary>§1.2 query string: DOMAIN (host:port), PROTOCOL (0 http / 1 https), LANG, APP_SID (a fresh frame id).</summary>
    public static Uri CallbackUrl(Uri installUrl, Portal portal, SandboxApp app)
    {
        var portalUrl = portal.CurrentBaseUrl;
        var query = string.Join('&', new[]
        {
            ("DOMAIN", portalUrl.Authority),
            ("PROTOCOL", portalUrl.Scheme == Uri.UriSchemeHttps ? "1" : "0"),
            ("LANG", app.Language),
            ("APP_SID", RandomTokens.Hex(32)),
        }.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        var builder = new UriBuilder(installUrl);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? query : existing + "&" + query;
        return builder.Uri;
    }

    /// <summary>§1.2 body.</summary>
    public static List<KeyValuePair<string, string>> Callback(Portal portal, SandboxApp app, SandboxTokens tokens) =>
    [
        new("AUTH_ID", tokens.AccessToken),
        new("AUTH_EXPIRES", ExpiresIn(portal)),
        new("REFRESH_ID", tokens.RefreshToken),
        new("SERVER_ENDPOINT", portal.ServerEndpoint.AbsoluteUri),
        new("APPLICATION_TOKEN", app.ApplicationToken),
        new("APPLICATION_SCOPE", Portal.AllScopes),
        new("member_id", app.MemberId),
        new("status", app.Status),
        new("PLACEMENT", "DEFAULT"),
        new("PLACEMENT_OPTIONS", "{}"),
    ];

    /// <summary>§1.3.</summary>
    public static List<KeyValuePair<string, string>> Install(Portal portal, SandboxApp app, SandboxTokens tokens) =>
    [
        new("event", "ONAPPINSTALL"),
        new("data[VERSION]", app.Version),
        new("data[ACTIVE]", "Y"),
        new("data[INSTALLED]", "Y"),
        new("data[LANGUAGE_ID]", app.Language),
        new("ts", Ts(portal)),
        .. AuthWithTokens(portal, app, tokens),
    ];

    /// <summary>§1.4: the same auth block as ONAPPINSTALL, with the new application_token.</summary>
    public static List<KeyValuePair<string, string>> Update(Portal portal, SandboxApp app, string previousVersion, SandboxTokens tokens, int? handlerId) =>
    [
        new("event", "ONAPPUPDATE"),
        .. HandlerId(handlerId),
        new("data[VERSION]", app.Version),
        new("data[PREVIOUS_VERSION]", previousVersion),
        new("data[LANGUAGE_ID]", app.Language),
        new("ts", Ts(portal)),
        .. AuthWithTokens(portal, app, tokens),
    ];

    /// <summary>
    /// §1.5: no access or refresh token (API access is already revoked). The event is named ONAPPUNINSTALL as in the
    /// reference; the docs' sample spells it ONAPPSUNINSTALL (taken for a typo — an app may accept both).
    /// </summary>
    public static List<KeyValuePair<string, string>> Uninstall(Portal portal, SandboxApp app, bool clean, int? handlerId) =>
    [
        new("event", "ONAPPUNINSTALL"),
        .. HandlerId(handlerId),
        new("data[LANGUAGE_ID]", app.Language),
        new("data[CLEAN]", clean ? "1" : "0"),
        new("ts", Ts(portal)),
        new("auth[domain]", portal.CurrentBaseUrl.Authority),
        new("auth[server_endpoint]", portal.ServerEndpoint.AbsoluteUri),
        new("auth[client_endpoint]", portal.ClientEndpoint.AbsoluteUri),
        new("auth[member_id]", app.MemberId),
        new("auth[application_token]", app.ApplicationToken),
    ];

    private static List<KeyValuePair<string, string>> AuthWithTokens(Portal portal, SandboxApp app, SandboxTokens tokens) =>
    [
        new("auth[domain]", portal.CurrentBaseUrl.Authority),
        new("auth[scope]", Portal.AllScopes),
        new("auth[access_token]", tokens.AccessToken),
        new("auth[refresh_token]", tokens.RefreshToken),
        new("auth[expires_in]", ExpiresIn(portal)),
        new("auth[server_endpoint]", portal.ServerEndpoint.AbsoluteUri),
        new("auth[status]", app.Status),
        new("auth[client_endpoint]", portal.ClientEndpoint.AbsoluteUri),
        new("auth[member_id]", app.MemberId),
        new("auth[application_token]", app.ApplicationToken),
    ];

    /// <summary>Only a handler bound with event.bind gets an <c>event_handler_id</c> (as in the §1.4 docs sample).</summary>
    private static IEnumerable<KeyValuePair<string, string>> HandlerId(int? handlerId) =>
        handlerId is { } id ? [new("event_handler_id", id.ToString(CultureInfo.InvariantCulture))] : [];

    private static string ExpiresIn(Portal portal) => ((int)portal.Tokens.AccessLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Ts(Portal portal) => portal.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
