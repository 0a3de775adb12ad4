using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crm.Connector.Sandbox.AmoCrm.Core;

namespace Crm.Connector.Sandbox.AmoCrm.Install;

/// <summary>
/// The marketplace's side of the integration (amocrm-api.md §2.3, §2.7): the consent redirect
/// <c>GET {redirect}?code&amp;state&amp;referer&amp;client_id</c> and the "access revoked" hook
/// <c>GET {hook}?client_uuid&amp;account_id&amp;signature</c> (HMAC-SHA256 of <c>client_id|account_id</c> keyed with the
/// secret, lower-case hex, header <c>User-Agent: amoService-oAuth-Code-Sender/1.0</c>).
/// </summary>
internal sealed class AppLifecycle(Account account) : IDisposable
{
    public const string UserAgent = "amoService-oAuth-Code-Sender/1.0";

    /// <summary>§2.3: the marketplace gives the app 3 s; the sandbox waits longer, the app may exchange the code meanwhile.</summary>
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static string Signature(string clientId, long accountId, string clientSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{clientId}|{accountId}"))));

    public async Task<AmoSandboxInstallResult> InstallAsync(Uri redirectUri, string? state, CancellationToken cancellationToken)
    {
        RequireHttp(redirectUri, nameof(redirectUri));
        account.App = account.App with { RedirectUri = redirectUri, Installed = true };
        var code = account.Tokens.IssueCode(account.State.AdminId);
        var query = new List<string> { $"code={Uri.EscapeDataString(code)}" };
        if (state is not null)
        {
            query.Add($"state={Uri.EscapeDataString(state)}");
        }

        // The real referer is the account host (example.amocrm.ru); here it is host:port so the app can reach it.
        query.Add($"referer={Uri.EscapeDataString(account.BaseUrl.Authority)}");
        query.Add($"client_id={Uri.EscapeDataString(account.App.ClientId)}");
        var url = Append(redirectUri, query);
        return await GetAsync(url, code, cancellationToken);
    }

    public async Task<AmoSandboxInstallResult> UninstallAsync(Uri hookUrl, CancellationToken cancellationToken)
    {
        RequireHttp(hookUrl, nameof(hookUrl));
        var app = account.App;
        account.App = app with { Installed = false };
        account.Tokens.RevokeAll();
        var accountId = account.State.AccountId;
        var url = Append(hookUrl,
        [
            $"client_uuid={Uri.EscapeDataString(app.ClientId)}",
            $"account_id={accountId.ToString(CultureInfo.InvariantCulture)}",
            $"signature={Signature(app.ClientId, accountId, app.ClientSecret)}",
        ]);
        return await GetAsync(url, null, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static void RequireHttp(Uri url, string name)
    {
        ArgumentNullException.ThrowIfNull(url, name);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("An absolute http or https address is needed.", name);
        }
    }

    private static Uri Append(Uri url, IEnumerable<string> query)
    {
        var builder = new UriBuilder(url);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join('&', new[] { existing }.Where(q => q.Length > 0).Concat(query));
        return builder.Uri;
    }

    private async Task<AmoSandboxInstallResult> GetAsync(Uri url, string? code, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new AmoSandboxInstallResult(url, (int)response.StatusCode, body, null, code);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new AmoSandboxInstallResult(url, 0, "", e.Message, code);
        }
    }
}
