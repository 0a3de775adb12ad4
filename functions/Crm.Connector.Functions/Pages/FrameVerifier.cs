using System.Net.Http.Headers;
using Crm.Connector.Bitrix24.Http;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// Checks the POST a portal sends when it opens the app in its frame (bitrix24-rest.md §1.2): nothing in the form is
/// trusted. The installation comes from <c>member_id</c>; <c>DOMAIN</c> must be that installation's portal; and the
/// frame's <c>AUTH_ID</c> must answer <c>profile</c> on the portal address kept from the install — never on an address
/// taken from the form. <c>profile</c> names the user and says whether they are a portal admin; the access token is
/// not refreshed and not kept (an expired one means "open the app again"). The token is never logged.
/// </summary>
public sealed class FrameVerifier(IStore store, IHttpClientFactory http, IOptions<PageOptions> options, PortalClients clients, TimeProvider time)
{
    /// <summary>The session the frame POST proves, or why not.</summary>
    public async Task<FrameCheck> VerifyAsync(IFormCollection form, string? domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var memberId = form["member_id"].ToString();
        var authId = form["AUTH_ID"].ToString();
        if (memberId.Length is 0 or > 64 || authId.Length is 0 or > 512)
        {
            return FrameCheck.Refused(400, "Страница приложения открывается из портала Битрикс24: в запросе нет member_id или AUTH_ID.");
        }

        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (installation is not { Status: InstallationStatus.Active, Crm: "bitrix24" })
        {
            return FrameCheck.Refused(403, "Приложение не установлено на этом портале. Установите его из Маркетплейса Битрикс24.");
        }

        if (!string.Equals(domain, installation.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return FrameCheck.Refused(403, "Адрес портала в запросе не совпадает с адресом, на который установлено приложение. Откройте приложение из своего портала.");
        }

        var endpoint = (await store.Tokens.GetAsync(memberId, cancellationToken))?.ClientEndpoint;
        if (endpoint is null)
        {
            return FrameCheck.Refused(403, "Установка приложения не завершена: портал не передал ключи доступа. Переустановите приложение.");
        }

        var (profile, status, refusal) = await ProfileAsync(endpoint, authId, cancellationToken);
        if (profile is null)
        {
            return FrameCheck.Refused(status, refusal!);
        }

        var name = $"{profile.Value<string>("NAME")} {profile.Value<string>("LAST_NAME")}".Trim();
        var placement = form["PLACEMENT"].ToString();
        var session = new PageSession(
            memberId,
            profile.Value<long>("ID"),
            name.Length == 0 ? "user " + profile.Value<string>("ID") : name,
            profile.Value<bool?>("ADMIN") == true,
            placement.Length == 0 ? "DEFAULT" : placement,
            PlacementOptions(form["PLACEMENT_OPTIONS"].ToString()),
            time.GetUtcNow() + options.Value.SessionLifetime);
        return new FrameCheck(session, 200, null);
    }

    /// <summary>The signed token of <paramref name="session"/>.</summary>
    public string Token(PageSession session) => PageSessions.Issue(session, clients.App.ClientSecret);

    /// <summary>The session a page's form carries; null when missing, forged or expired.</summary>
    public PageSession? Read(string? token) => PageSessions.Read(token, clients.App.ClientSecret, time.GetUtcNow());

    private async Task<(JObject? Profile, int Status, string? Refusal)> ProfileAsync(Uri endpoint, string authId, CancellationToken cancellationToken)
    {
        using var client = http.CreateBitrix24Client();
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("auth", authId)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        try
        {
            using var response = await client.PostAsync(new Uri(endpoint, "profile.json"), content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = text.TrimStart().StartsWith('{') ? JObject.Parse(text) : null;
            if (json?["result"] is JObject profile && profile.Value<long?>("ID") is > 0)
            {
                return (profile, 200, null);
            }

            return json?.Value<string>("error") == "expired_token"
                ? (null, 401, "Сессия портала истекла. Закройте приложение и откройте его снова.")
                : (null, 403, "Портал не подтвердил ключ доступа из запроса. Откройте приложение из своего портала.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Newtonsoft.Json.JsonException)
        {
            return (null, 503, "Портал Битрикс24 сейчас недоступен, повторите попытку через минуту.");
        }
    }

    /// <summary>PLACEMENT_OPTIONS is a JSON string (§1.2); anything else is taken as no options.</summary>
    private static string PlacementOptions(string text)
    {
        if (text.Length is 0 or > 4096)
        {
            return "{}";
        }

        try
        {
            return JToken.Parse(text) is JObject options ? options.ToString(Newtonsoft.Json.Formatting.None) : "{}";
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return "{}";
        }
    }
}
