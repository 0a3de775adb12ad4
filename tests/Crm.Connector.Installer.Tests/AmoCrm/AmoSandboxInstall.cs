using System.Net.Http.Headers;
using System.Text;
using Crm.Connector.AmoCrm;
using Crm.Connector.Installer.AmoCrm;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Installer.Tests.AmoCrm;

/// <summary>A sandbox amoCRM account at 7 requests a second, the app's tokens in a store, the installer pointed at it.</summary>
internal sealed class AmoSandboxInstall : IAsyncDisposable
{
    private readonly string _accessToken;

    private AmoSandboxInstall(AmoCrmSandbox sandbox, AmoCrmClient client, ILedgerStore ledgers, string accessToken)
    {
        Sandbox = sandbox;
        Client = client;
        Ledgers = ledgers;
        _accessToken = accessToken;
        Installer = new TemplateInstaller(new AmoCrmBackend(client), ledgers, TimeProvider.System);
    }

    public AmoCrmSandbox Sandbox { get; }

    public AmoCrmClient Client { get; }

    public ILedgerStore Ledgers { get; }

    public TemplateInstaller Installer { get; }

    public static CrmTemplate OnlineSchool => Portal.SandboxInstall.Template("online-school");

    public static async Task<AmoSandboxInstall> StartAsync(ILedgerStore? ledgers = null)
    {
        var sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions());
        var account = new AmoAccountAddress(sandbox.BaseUrl);
        var issued = sandbox.IssueTokens();
        var store = new InMemoryAmoTokenStore();
        await store.SaveAsync(new AmoTokens { AccountKey = account.Key, AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = issued.ExpiresAt });
        var client = AmoCrmClient.ForInstallation(
            account,
            store,
            new AmoOAuthApp { ClientId = sandbox.App.ClientId, ClientSecret = sandbox.App.ClientSecret, RedirectUri = new Uri("https://crm-connector.example.com/api/amocrm/install") },
            new AmoCrmClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), MaxRetries = 2 });
        return new AmoSandboxInstall(sandbox, client, ledgers ?? new InMemoryLedgerStore(), issued.AccessToken);
    }

    public static InstallOptions Options(bool adopt = false, bool allowDestroy = false) => new() { Adopt = adopt, AllowDestroy = allowDestroy };

    /// <summary>
    /// Raw API calls as an admin (or another integration) would make them, not through our client: they share the
    /// account's 7 requests a second, so a 429 is waited out as amoCRM asks.
    /// </summary>
    public async Task<JToken?> SendAsync(HttpMethod method, string path, JToken? body = null)
    {
        using var http = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        HttpResponseMessage response;
        while (true)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
            }

            response = await http.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests)
            {
                break;
            }

            var wait = JToken.Parse(await response.Content.ReadAsStringAsync()).Value<int?>("retry_after") ?? 1;
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(wait));
        }

        using var _ = response;
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? null : JToken.Parse(text);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Sandbox.DisposeAsync();
    }
}
