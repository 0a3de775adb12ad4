using Crm.Connector.Sandbox.AmoCrm.Core;
using Crm.Connector.Sandbox.AmoCrm.Http;
using Microsoft.AspNetCore.Builder;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm;

/// <summary>
/// A stateful amoCRM account on loopback, following <c>reference/amocrm-api.md</c>: API v4 under <c>/api/v4</c> with
/// Bearer tokens, the OAuth token endpoint with refresh-token rotation, the 7-per-second limit, users, roles,
/// pipelines and statuses, custom fields and groups, loss reasons, leads, contacts, companies, links, tasks, notes,
/// events, webhooks sent form-encoded to subscribed destinations, and the marketplace's consent redirect and "access
/// revoked" hook. <c>/_sandbox/stats</c> and <c>/_sandbox/state</c> let tests and benchmarks count and inspect.
/// </summary>
public sealed class AmoCrmSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Account _account;
    private int _disposed;

    private AmoCrmSandbox(WebApplication app, Account account)
    {
        _app = app;
        _account = account;
    }

    /// <summary>The account host, e.g. <c>http://127.0.0.1:5123/</c>: API at <c>/api/v4/…</c>, tokens at <c>/oauth2/access_token</c>.</summary>
    public Uri BaseUrl => _account.BaseUrl;

    /// <summary>The token endpoint, <see cref="BaseUrl"/> + <c>oauth2/access_token</c>.</summary>
    public Uri TokenEndpoint => new(BaseUrl, "oauth2/access_token");

    public long AccountId => _account.State.AccountId;

    public string Subdomain => _account.State.Subdomain;

    /// <summary>The integration as it is now (redirect URI set by <see cref="InstallAppAsync"/>, not installed after an uninstall).</summary>
    public AmoSandboxApp App => _account.App;

    /// <summary>The administrator's user id (the owner of <see cref="IssueTokens"/>' tokens).</summary>
    public long AdminUserId => _account.State.AdminId;

    /// <summary>Faults to inject; change them while the account runs.</summary>
    public AmoSandboxFaults Faults => _account.Faults;

    /// <summary>Live counters (<see cref="AmoSandboxStats.Reset"/> zeroes them).</summary>
    public AmoSandboxStats Stats => _account.Stats;

    /// <summary>Starts an account.</summary>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<AmoCrmSandbox> StartAsync(AmoCrmSandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Subdomain);
        var (app, account) = await AmoServer.StartAsync(options, cancellationToken);
        return new AmoCrmSandbox(app, account);
    }

    /// <summary>A fresh OAuth pair of the administrator, as after consent and the code exchange (§2.4).</summary>
    /// <exception cref="InvalidOperationException">The integration was uninstalled (and not installed again).</exception>
    public AmoSandboxTokens IssueTokens()
    {
        RequireInstalled();
        return _account.Tokens.Issue(_account.State.AdminId);
    }

    /// <summary>A long-lived access token of the administrator (§2.6: no refresh token, 1 day to 5 years).</summary>
    public string IssueLongLivedToken(TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        RequireInstalled();
        return _account.Tokens.IssueLongLived(_account.State.AdminId, lifetime);
    }

    /// <summary>Every access token issued so far answers 401 from now on (refresh tokens stay usable).</summary>
    public void ExpireAccessTokens() => _account.Tokens.ExpireAccessTokens();

    /// <summary>The account as JSON (the same as <c>GET /_sandbox/state</c>).</summary>
    public JObject State() => StateSnapshot.Build(_account);

    /// <summary>
    /// Plays the consent (§2.3): sets the integration's redirect URI to <paramref name="redirectUri"/>, issues an
    /// authorization code of the administrator (20 minutes, one use) and GETs
    /// <c>{redirectUri}?code=…&amp;state=…&amp;referer={host:port}&amp;client_id=…</c>. The app's answer is reported, never thrown.
    /// </summary>
    public Task<AmoSandboxInstallResult> InstallAppAsync(Uri redirectUri, string? state, CancellationToken cancellationToken = default) =>
        _account.Lifecycle.InstallAsync(redirectUri, state, cancellationToken);

    /// <summary>
    /// Plays "access revoked" (§2.7): revokes every token and GETs
    /// <c>{hookUrl}?client_uuid=…&amp;account_id=…&amp;signature=…</c> with <c>User-Agent: amoService-oAuth-Code-Sender/1.0</c>.
    /// </summary>
    public Task<AmoSandboxInstallResult> UninstallAppAsync(Uri hookUrl, CancellationToken cancellationToken = default) =>
        _account.Lifecycle.UninstallAsync(hookUrl, cancellationToken);

    /// <summary>Completes when every webhook queued so far has been delivered or has failed.</summary>
    public Task WaitForWebhooksAsync(CancellationToken cancellationToken = default) => _account.Webhooks.WhenIdleAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _account.DisposeAsync();
        await _app.DisposeAsync();
    }

    private void RequireInstalled()
    {
        if (!_account.App.Installed)
        {
            throw new InvalidOperationException("The integration was uninstalled (UninstallAppAsync); install it again first.");
        }
    }
}
