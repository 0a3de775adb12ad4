using Crm.Connector.AmoCrm;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Installer;
using Crm.Connector.Installer.AmoCrm;
using Crm.Connector.Installer.Bitrix24;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Cli.Portal;

/// <summary>
/// A portal the command works on: a Bitrix24 incoming webhook URL, an amoCRM account address with a long-lived token,
/// or <c>sandbox</c> — a sandbox portal or account of the CRM started in this process (as the installed app), gone
/// when the command ends.
/// </summary>
internal sealed class PortalConnection : IAsyncDisposable
{
    private readonly IDisposable _client;
    private readonly IAsyncDisposable? _sandbox;

    private PortalConnection(IProvisioningBackend backend, IDisposable client, ILedgerStore ledgers, string description, string? ledgerPath, IAsyncDisposable? sandbox, Uri? handlerBase)
    {
        Backend = backend;
        _client = client;
        Ledgers = ledgers;
        Description = description;
        LedgerPath = ledgerPath;
        _sandbox = sandbox;
        DefaultHandlerBase = handlerBase;
    }

    public IProvisioningBackend Backend { get; }

    /// <summary>HTTP requests sent to the portal so far.</summary>
    public int Requests => Backend.Requests;

    public ILedgerStore Ledgers { get; }

    /// <summary>"webhook on acme.bitrix24.ru", "sandbox portal at http://127.0.0.1:5000/".</summary>
    public string Description { get; }

    /// <summary>Where the ledger is kept (null: in memory, for a sandbox).</summary>
    public string? LedgerPath { get; }

    /// <summary>The handler base used when none is given (the local function app for a sandbox).</summary>
    public Uri? DefaultHandlerBase { get; }

    /// <summary>The plan the portal runs on when the CLI started it.</summary>
    public string? SandboxPlan { get; private init; }

    /// <summary>
    /// Opens <paramref name="portal"/> of <paramref name="crm"/>; returns the error to show when it cannot be used.
    /// <paramref name="token"/> is an amoCRM long-lived token (private integrations), unused for Bitrix24.
    /// </summary>
    public static async Task<(PortalConnection? Connection, string? Error)> OpenAsync(string portal, CrmKind crm, string? token, string templateKey, string? statePath, string? plan, CancellationToken cancellationToken)
    {
        return crm == CrmKind.AmoCrm
            ? await OpenAmoCrmAsync(portal, token, templateKey, statePath, cancellationToken)
            : await OpenBitrix24Async(portal, templateKey, statePath, plan, cancellationToken);
    }

    /// <summary>The CRM a portal address belongs to when it says (an amoCRM or Kommo host); null when it does not.</summary>
    public static CrmKind? CrmOf(string portal) =>
        Uri.TryCreate(portal.Contains("://", StringComparison.Ordinal) ? portal : "https://" + portal, UriKind.Absolute, out var uri) &&
        (uri.Host.EndsWith(".amocrm.ru", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".amocrm.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".kommo.com", StringComparison.OrdinalIgnoreCase))
            ? CrmKind.AmoCrm
            : uri?.Host.Contains("bitrix24", StringComparison.OrdinalIgnoreCase) == true ? CrmKind.Bitrix24 : null;

    private static async Task<(PortalConnection? Connection, string? Error)> OpenBitrix24Async(string portal, string templateKey, string? statePath, string? plan, CancellationToken cancellationToken)
    {
        // Someone is waiting at a terminal: four retries (about 8 s of back-off) before a portal's 5xx is reported,
        // rather than the background default of eight (over a minute).
        var options = new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), MaxRetries = 4 };
        if (string.Equals(portal, "sandbox", StringComparison.OrdinalIgnoreCase))
        {
            var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Plan = plan ?? "professional" }, cancellationToken);
            var store = new InMemoryTokenStore();
            var issued = sandbox.IssueTokens();
            await store.SaveAsync(new OAuthTokens
            {
                MemberId = sandbox.App.MemberId,
                AccessToken = issued.AccessToken,
                RefreshToken = issued.RefreshToken,
                ExpiresAt = issued.ExpiresAt,
                ClientEndpoint = sandbox.ClientEndpoint,
                UserId = issued.UserId,
            }, cancellationToken);
            var client = Bitrix24Client.ForInstallation(sandbox.App.MemberId, store, new OAuthAppOptions { ClientId = sandbox.App.ClientId, ClientSecret = sandbox.App.ClientSecret, TokenEndpoint = sandbox.TokenEndpoint }, options);
            ILedgerStore ledgers = statePath is null ? new InMemoryLedgerStore() : new JsonFileLedgerStore(statePath);
            return (new PortalConnection(new Bitrix24Backend(client), client, ledgers, $"sandbox portal at {sandbox.BaseUrl} (plan {plan ?? "professional"}; it stops when this command ends)", statePath is null ? null : Path.GetFullPath(statePath), sandbox, new Uri("http://127.0.0.1:7071/")) { SandboxPlan = plan ?? "professional" }, null);
        }

        var credentials = WebhookCredentials.TryParse(portal, out var error);
        if (credentials is null)
        {
            return (null, $"--portal: {error} Or use --portal sandbox to try everything on a local sandbox portal.");
        }

        var path = statePath ?? DefaultStatePath(credentials.Endpoint.Authority, templateKey);
        var webhookClient = new Bitrix24Client(credentials, options);
        return (new PortalConnection(new Bitrix24Backend(webhookClient), webhookClient, new JsonFileLedgerStore(path), $"webhook on {credentials.Endpoint.Authority}", path, null, null), null);
    }

    private static async Task<(PortalConnection? Connection, string? Error)> OpenAmoCrmAsync(string portal, string? token, string templateKey, string? statePath, CancellationToken cancellationToken)
    {
        var options = new AmoCrmClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), MaxRetries = 4 };
        if (string.Equals(portal, "sandbox", StringComparison.OrdinalIgnoreCase))
        {
            var sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions(), cancellationToken);
            var account = new AmoAccountAddress(sandbox.BaseUrl);
            var issued = sandbox.IssueTokens();
            var store = new InMemoryAmoTokenStore();
            await store.SaveAsync(new AmoTokens { AccountKey = account.Key, AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = issued.ExpiresAt }, cancellationToken);
            var client = AmoCrmClient.ForInstallation(account, store, new AmoOAuthApp { ClientId = sandbox.App.ClientId, ClientSecret = sandbox.App.ClientSecret, RedirectUri = new Uri("http://127.0.0.1:7071/api/amocrm/install") }, options);
            ILedgerStore ledgers = statePath is null ? new InMemoryLedgerStore() : new JsonFileLedgerStore(statePath);
            return (new PortalConnection(new AmoCrmBackend(client), client, ledgers, $"sandbox amoCRM account at {sandbox.BaseUrl} (it stops when this command ends)", statePath is null ? null : Path.GetFullPath(statePath), sandbox, null), null);
        }

        AmoAccountAddress address;
        try
        {
            address = AmoAccountAddress.Parse(portal);
        }
        catch (FormatException e)
        {
            return (null, $"--portal: {e.Message} Give the account's address, e.g. https://school.amocrm.ru, or use --portal sandbox.");
        }

        // The token travels in every request: only https, except to a sandbox on this machine.
        if (address.BaseUrl.Scheme != Uri.UriSchemeHttps && !(address.BaseUrl.Scheme == Uri.UriSchemeHttp && address.BaseUrl.IsLoopback))
        {
            return (null, $"--portal: '{portal}' is not an https address; amoCRM accounts are https://<subdomain>.amocrm.ru (plain http only for a sandbox on this machine).");
        }

        token ??= Environment.GetEnvironmentVariable("CRM_CONNECTOR_AMOCRM_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, "--token: an amoCRM account needs a long-lived token (amoCRM → Settings → Integrations → your private integration → Keys and scopes → long-lived token), given with --token or in CRM_CONNECTOR_AMOCRM_TOKEN.");
        }

        var path = statePath ?? DefaultStatePath(address.Key, templateKey);
        var tokenClient = new AmoCrmClient(address, token.Trim(), options);
        return (new PortalConnection(new AmoCrmBackend(tokenClient), tokenClient, new JsonFileLedgerStore(path), $"amoCRM account {address.Key}", path, null, null), null);
    }

    /// <summary><c>~/.crm-connector/state/{portal}/{template}.json</c>: one ledger per portal and template.</summary>
    public static string DefaultStatePath(string portal, string templateKey)
    {
        var safe = string.Concat(portal.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".crm-connector", "state", safe, templateKey + ".json");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
