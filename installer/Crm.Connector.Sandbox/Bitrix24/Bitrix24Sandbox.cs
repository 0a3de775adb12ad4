using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Http;
using Crm.Connector.Sandbox.Bitrix24.Methods.Bizproc;
using Crm.Connector.Sandbox.Bitrix24.Methods.Items;
using Crm.Connector.Sandbox.Bitrix24.Pages;
using Crm.Connector.Sandbox.Bitrix24.State;
using Microsoft.AspNetCore.Builder;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>
/// A stateful Bitrix24 portal on loopback, following <c>reference/bitrix24-rest.md</c>: REST over webhook URLs and
/// OAuth tokens, the OAuth token endpoint with refresh-token rotation, batch, list paging, the leaky-bucket limit,
/// CRM pipelines/stages/user fields/items, tasks, to-dos, comments, notifications, robots, events sent to bound
/// handlers and the offline event queue, placements (widgets) and the portal pages that frame the app
/// (<see cref="AppPageUrl"/>, <see cref="DealCardUrl"/>), and the marketplace's side of installing, updating and
/// uninstalling the app.
/// <c>/_sandbox/stats</c> and <c>/_sandbox/state</c> let tests and benchmarks count and inspect.
/// </summary>
public sealed class Bitrix24Sandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Portal _portal;
    private int _disposed;

    private Bitrix24Sandbox(WebApplication app, Portal portal)
    {
        _app = app;
        _portal = portal;
    }

    /// <summary>The portal address, e.g. <c>http://127.0.0.1:5123/</c>; REST lives under <c>rest/</c>.</summary>
    public Uri BaseUrl => _portal.BaseUrl;

    /// <summary>The OAuth client endpoint, <see cref="BaseUrl"/> + <c>rest/</c>.</summary>
    public Uri ClientEndpoint => new(BaseUrl, "rest/");

    /// <summary>An incoming webhook of the admin user: <c>{BaseUrl}rest/1/{secret}/</c>.</summary>
    public Uri WebhookUrl => new(BaseUrl, $"rest/1/{_portal.WebhookSecret}/");

    /// <summary>The OAuth token endpoint (the sandbox's stand-in for <c>https://oauth.bitrix.info/oauth/token/</c>).</summary>
    public Uri TokenEndpoint => _portal.TokenEndpoint;

    /// <summary>The address the portal moves to on <see cref="ChangeDomain"/>.</summary>
    public Uri AlternateBaseUrl => _portal.AlternateBaseUrl;

    /// <summary>The application as it is now (a new <see cref="SandboxApp.ApplicationToken"/> after an update).</summary>
    public SandboxApp App => _portal.App;

    /// <summary>
    /// Faults to inject; change them while the portal runs. Also the hooks that let a test act between a write and its
    /// answer (<see cref="SandboxFaults.AfterMethod"/>, <see cref="SandboxFaults.KillAfter"/>,
    /// <see cref="SandboxFaults.DropAnswerAfter"/>).
    /// </summary>
    public SandboxFaults Faults => _portal.Faults;

    /// <summary>Counters so far.</summary>
    public SandboxStats Stats => _portal.Stats.Snapshot();

    /// <summary>The portal's plan after normalization (free, basic, standard, professional or enterprise).</summary>
    public string Plan => _portal.Plan.Name;

    /// <summary>Starts a portal.</summary>
    /// <exception cref="ArgumentException">The plan is unknown.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<Bitrix24Sandbox> StartAsync(Bitrix24SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new Bitrix24SandboxOptions();
        _ = Limits.PlanProfile.For(options.Plan);
        var (app, portal) = await SandboxServer.StartAsync(options, cancellationToken);
        return new Bitrix24Sandbox(app, portal);
    }

    /// <summary>Issues an OAuth pair for the app as user <paramref name="userId"/> (what an installation hands the app).</summary>
    /// <exception cref="InvalidOperationException">The app was uninstalled (and not installed again).</exception>
    public SandboxTokens IssueTokens(int userId = 1)
    {
        if (!_portal.App.Installed)
        {
            throw new InvalidOperationException("The app is not installed on this portal (UninstallAppAsync); install it again first.");
        }

        lock (_portal.State.Gate)
        {
            if (!_portal.State.Users.ContainsKey(userId))
            {
                throw new ArgumentOutOfRangeException(nameof(userId), userId, "The portal has users 1 (admin) to 4.");
            }
        }

        return _portal.Tokens.Issue(userId);
    }

    /// <summary>The app's main page (the DEFAULT placement) that <see cref="AppPageUrl"/> frames; null until set.</summary>
    public Uri? AppHandler => _portal.AppHandler;

    /// <summary>
    /// Sets the app's main page, the handler URL of its marketplace card (the DEFAULT placement), which
    /// <see cref="AppPageUrl"/> opens in its frame. Kept across uninstall and reinstall.
    /// </summary>
    /// <exception cref="ArgumentException">Not an absolute http(s) address.</exception>
    public void SetAppHandler(Uri handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!handler.IsAbsoluteUri || (handler.Scheme != Uri.UriSchemeHttp && handler.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The app's handler must be an absolute http or https address, not '{handler}'.", nameof(handler));
        }

        _portal.AppHandler = handler;
    }

    /// <summary>
    /// The app's page on the portal as user <paramref name="userId"/> sees it: <c>{portal}/marketplace/app/?user=N</c>,
    /// HTML whose form POSTs the DEFAULT placement (§1.2) into <c>#app-frame</c> on load (see <see cref="FramePost"/>).
    /// </summary>
    public Uri AppPageUrl(int userId = 1) => new(_portal.CurrentBaseUrl, $"marketplace/app/?user={userId.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Deal <paramref name="dealId"/>'s card as user <paramref name="userId"/> sees it: <c>{portal}/crm/deal/details/{id}/?user=N</c>,
    /// HTML with the deal and a button <c>[data-placement-handler]</c> per CRM_DEAL_DETAIL_TOOLBAR handler; a click
    /// POSTs that placement with <c>PLACEMENT_OPTIONS={"ID":"{id}",…}</c> into <c>#app-frame</c>.
    /// </summary>
    public Uri DealCardUrl(int dealId, int userId = 1) =>
        new(_portal.CurrentBaseUrl, FormattableString.Invariant($"crm/deal/details/{dealId}/?user={userId}"));

    /// <summary>
    /// The POST a portal page would send into the app's frame for user <paramref name="userId"/> (fresh tokens of that
    /// user, fresh APP_SID), for a test to send itself, as is or forged (<see cref="SandboxFramePost.WithField"/>).
    /// <paramref name="placement"/> DEFAULT goes to <see cref="AppHandler"/>; another code to <paramref name="handler"/>
    /// or else the first handler bound to it. <paramref name="optionsJson"/> is PLACEMENT_OPTIONS as sent (default <c>{}</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The app is not installed, or has no handler for the placement.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No such user.</exception>
    public SandboxFramePost FramePost(int userId, string placement = "DEFAULT", string? optionsJson = null, Uri? handler = null) =>
        FramePosts.Build(_portal, userId, placement, optionsJson, handler);

    /// <summary>PLACEMENT_OPTIONS of deal <paramref name="dealId"/>'s card toolbar, as the deal card sends it: <c>{"ID":"12","URI":"/crm/deal/details/12/"}</c>.</summary>
    public static string DealPlacementOptions(int dealId) => FramePosts.DealOptions(dealId);

    /// <summary>Makes every access token issued so far expired (refresh tokens stay valid).</summary>
    public void ExpireAccessTokens() => _portal.Tokens.ExpireAccessTokens();

    /// <summary>From now on every request to <see cref="BaseUrl"/> is answered 302 to the same path on <see cref="AlternateBaseUrl"/>.</summary>
    public void ChangeDomain() => _portal.ChangeDomain();

    /// <summary>Sets every counter back to zero.</summary>
    public void ResetStats() => _portal.Stats.Reset();

    /// <summary>Everything the portal holds, as JSON (tokens shown only as counts).</summary>
    public JObject State() => StateSnapshot.Build(_portal);

    /// <summary>
    /// Creates <paramref name="count"/> deals directly in the state (no REST, no events), in pipeline
    /// <paramref name="categoryId"/>'s first stage; returns their ids in ascending order.
    /// </summary>
    public IReadOnlyList<int> SeedDeals(int count, int categoryId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_portal.State.Gate)
        {
            var category = _portal.State.Categories.GetValueOrDefault(categoryId)
                ?? throw new ArgumentOutOfRangeException(nameof(categoryId), categoryId, "No such deal pipeline.");
            var now = _portal.Now;
            var ids = new List<int>(count);
            for (var i = 0; i < count; i++)
            {
                ids.Add(ItemWriter.SeedDeal(_portal.State, category, now, i));
            }

            return ids;
        }
    }

    /// <summary>Deletes a deal directly in the state (no REST, no events), e.g. to change data under a running scan.</summary>
    public void DeleteDeal(int id)
    {
        lock (_portal.State.Gate)
        {
            _portal.State.Table(EntityKind.Deal).Rows.Remove(id);
        }
    }

    /// <summary>
    /// Plays a workflow reaching robot <paramref name="code"/> on <paramref name="documentId"/> (e.g. <c>DEAL_12</c>): POSTs
    /// the robot call (bitrix24-rest.md §5.3) to the robot's handler and returns the <c>event_token</c> the app answers
    /// with through <c>bizproc.event.send</c>.
    /// </summary>
    public Task<string> RunRobotAsync(string code, string documentId, IReadOnlyDictionary<string, string>? properties = null, CancellationToken cancellationToken = default) =>
        RobotRunner.RunAsync(_portal, code, documentId, properties, cancellationToken);

    /// <summary>
    /// Installs the app the way Bitrix24 does (bitrix24-rest.md §1.2, §1.3): issues a fresh OAuth pair of the admin
    /// (user 1) and POSTs, form-encoded, the installation-callback form (query DOMAIN, PROTOCOL, LANG, APP_SID; body
    /// AUTH_ID … PLACEMENT_OPTIONS) and the ONAPPINSTALL event to <paramref name="installUrl"/>, in the order
    /// <see cref="SandboxInstallOptions.Order"/> says. The app's answers are reported, never thrown. A portal starts with
    /// the app installed, so on a fresh portal (or again later) this replays the installation: the application token,
    /// handlers and robots stay; after <see cref="UninstallAppAsync"/> it is a reinstall with a new application token.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) address, or the options are invalid.</exception>
    public Task<SandboxInstallResult> InstallAppAsync(Uri installUrl, SandboxInstallOptions? options = null, CancellationToken cancellationToken = default) =>
        _portal.Lifecycle.InstallAsync(installUrl, options ?? new SandboxInstallOptions(), cancellationToken);

    /// <summary>
    /// Updates the app to <paramref name="newVersion"/> (§1.4): rotates the application token (events and robot calls
    /// carry the new one from now on), removes the app's event handlers and robots (§4.1, §5.2 — the app must register
    /// them again) and POSTs ONAPPUPDATE with a fresh OAuth pair of the admin.
    /// </summary>
    /// <exception cref="InvalidOperationException">The app is not installed.</exception>
    public Task<SandboxInstallResult> UpdateAppAsync(Uri installUrl, string newVersion, CancellationToken cancellationToken = default) =>
        _portal.Lifecycle.UpdateAsync(installUrl, newVersion, cancellationToken);

    /// <summary>
    /// Uninstalls the app (§1.5): revokes every OAuth token (REST answers 401 invalid_token, refreshes 401
    /// invalid_client), removes its event handlers, robots and offline queue, and POSTs ONAPPUNINSTALL (no tokens,
    /// <c>data[CLEAN]</c> = <paramref name="clean"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The app is not installed.</exception>
    public Task<SandboxInstallResult> UninstallAppAsync(Uri installUrl, bool clean, CancellationToken cancellationToken = default) =>
        _portal.Lifecycle.UninstallAsync(installUrl, clean, cancellationToken);

    /// <summary>Completes when every event raised so far has been sent to its handler (delivered or failed, §4.5).</summary>
    public Task WaitForEventsAsync(CancellationToken cancellationToken = default) => _portal.Events.WhenIdleAsync(cancellationToken);

    /// <summary>
    /// The robot call that got <paramref name="eventToken"/> (from <see cref="RunRobotAsync"/>) and what the app
    /// answered through <c>bizproc.event.send</c> (§5.4); null for an unknown token.
    /// </summary>
    public SandboxRobotCall? RobotCall(string eventToken)
    {
        ArgumentNullException.ThrowIfNull(eventToken);
        lock (_portal.State.Gate)
        {
            return _portal.State.RobotCalls.TryGetValue(eventToken, out var call)
                ? new SandboxRobotCall(call.Code, call.DocumentId, call.WorkflowId, call.Answered, call.ReturnValues?.DeepClone(), call.LogMessage)
                : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _portal.DisposeAsync();
        await _app.DisposeAsync();
    }
}
