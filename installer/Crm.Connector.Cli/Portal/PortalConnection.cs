using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Installer;
using Crm.Connector.Installer.Bitrix24;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;

namespace Crm.Connector.Cli.Portal;

/// <summary>
/// A portal the command works on: an incoming webhook URL, or <c>sandbox</c> — a sandbox portal started in this process
/// (as the installed app, so robots can be registered), gone when the command ends.
/// </summary>
internal sealed class PortalConnection : IAsyncDisposable
{
    private readonly Bitrix24Sandbox? _sandbox;

    private PortalConnection(Bitrix24Client client, ILedgerStore ledgers, string description, string? ledgerPath, Bitrix24Sandbox? sandbox, Uri? handlerBase)
    {
        Client = client;
        Backend = new Bitrix24Backend(client);
        Ledgers = ledgers;
        Description = description;
        LedgerPath = ledgerPath;
        _sandbox = sandbox;
        DefaultHandlerBase = handlerBase;
    }

    public Bitrix24Client Client { get; }

    public IProvisioningBackend Backend { get; }

    public ILedgerStore Ledgers { get; }

    /// <summary>"webhook on acme.bitrix24.ru", "sandbox portal at http://127.0.0.1:5000/".</summary>
    public string Description { get; }

    /// <summary>Where the ledger is kept (null: in memory, for a sandbox).</summary>
    public string? LedgerPath { get; }

    /// <summary>The handler base used when none is given (the local function app for a sandbox).</summary>
    public Uri? DefaultHandlerBase { get; }

    /// <summary>The plan the portal runs on when the CLI started it.</summary>
    public string? SandboxPlan { get; private init; }

    /// <summary>Opens <paramref name="portal"/>; returns the error to show when it cannot be used.</summary>
    public static async Task<(PortalConnection? Connection, string? Error)> OpenAsync(string portal, string templateKey, string? statePath, string? plan, CancellationToken cancellationToken)
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
            return (new PortalConnection(client, ledgers, $"sandbox portal at {sandbox.BaseUrl} (plan {plan ?? "professional"}; it stops when this command ends)", statePath is null ? null : Path.GetFullPath(statePath), sandbox, new Uri("http://127.0.0.1:7071/")) { SandboxPlan = plan ?? "professional" }, null);
        }

        var credentials = WebhookCredentials.TryParse(portal, out var error);
        if (credentials is null)
        {
            return (null, $"--portal: {error} Or use --portal sandbox to try everything on a local sandbox portal.");
        }

        var path = statePath ?? DefaultStatePath(credentials.Endpoint.Authority, templateKey);
        return (new PortalConnection(new Bitrix24Client(credentials, options), new JsonFileLedgerStore(path), $"webhook on {credentials.Endpoint.Authority}", path, null, null), null);
    }

    /// <summary><c>~/.crm-connector/state/{portal}/{template}.json</c>: one ledger per portal and template.</summary>
    public static string DefaultStatePath(string portal, string templateKey)
    {
        var safe = string.Concat(portal.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".crm-connector", "state", safe, templateKey + ".json");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
