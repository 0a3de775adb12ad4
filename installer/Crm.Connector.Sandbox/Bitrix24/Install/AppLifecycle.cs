using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.OAuth;
using Crm.Connector.Sandbox.Bitrix24.State;

namespace Crm.Connector.Sandbox.Bitrix24.Install;

/// <summary>
/// The sandbox as the marketplace: installs, updates and uninstalls the app by POSTing what Bitrix24 POSTs
/// (bitrix24-rest.md §1.2–§1.5) to the app's installation handler, one operation at a time. Nothing is held locked
/// while the app answers, so the app may call the portal's REST from its handler.
/// <list type="bullet">
/// <item>Install: a fresh OAuth pair of the admin (user 1), the same pair in both messages (UNCONFIRMED whether
/// Bitrix24 issues one pair or two); a reinstall after an uninstall gets a new application_token (UNCONFIRMED).</item>
/// <item>Update (§1.4, §4.1, §5.2): a new application_token; the app's event handlers (offline ones too) and robots are
/// removed <em>before</em> ONAPPUPDATE is sent, so whatever the app registers while handling it stays. The offline
/// queue is kept (UNCONFIRMED).</item>
/// <item>Uninstall (§1.5): tokens revoked first (REST answers 401 invalid_token as for any unknown token, §12.4; the
/// token endpoint answers 401 invalid_client, §2.3 "app not installed"), handlers, robots, placements and the offline
/// queue removed, then ONAPPUNINSTALL. CLEAN only changes the payload: the sandbox keeps no app.option/entity data.</item>
/// <item>ONAPPUPDATE/ONAPPUNINSTALL also go to handlers the app bound to those events with event.bind (captured before
/// the removal, with <c>event_handler_id</c>), unless bound to the installation URL itself (UNCONFIRMED: Bitrix24
/// delivers these to bound handlers; which ones survive the removal is not documented).</item>
/// </list>
/// A POST that gets no answer (refused, timed out after <see cref="Bitrix24SandboxOptions.AppCallTimeout"/>) is reported
/// with status 0, not thrown; the operation still takes effect, as on a real portal.
/// </summary>
internal sealed class AppLifecycle(Portal portal) : IDisposable
{
    private const int MaxBody = 16_000;
    private static readonly string[] Statuses = ["L", "F", "D", "T", "P"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HttpClient _http = CreateClient();

    public async Task<SandboxInstallResult> InstallAsync(Uri installUrl, SandboxInstallOptions options, CancellationToken cancellationToken)
    {
        CheckUrl(installUrl);
        var status = options.Status?.Trim().ToUpperInvariant() ?? "";
        if (!Statuses.Contains(status, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Status must be one of L, F, D, T, P (§1.2), not '{options.Status}'.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Version) || string.IsNullOrWhiteSpace(options.Language))
        {
            throw new ArgumentException("Version and Language must not be empty.", nameof(options));
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = portal.App;
            var app = current with
            {
                ApplicationToken = current.Installed ? current.ApplicationToken : RandomTokens.Hex(32),
                Installed = true,
                Version = options.Version.Trim(),
                Status = status,
                Language = options.Language.Trim().ToLowerInvariant(),
            };
            portal.App = app;
            var tokens = portal.Tokens.Issue(1);
            var posts = new List<SandboxInstallPost>();
            foreach (var callback in Steps(options.Order))
            {
                posts.Add(callback
                    ? await PostAsync(SandboxInstallPost.Callback, InstallForms.CallbackUrl(installUrl, portal, app), InstallForms.Callback(portal, app, tokens), cancellationToken)
                    : await PostAsync("ONAPPINSTALL", installUrl, InstallForms.Install(portal, app, tokens), cancellationToken));
            }

            return Result(posts, tokens, app);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SandboxInstallResult> UpdateAsync(Uri installUrl, string newVersion, CancellationToken cancellationToken)
    {
        CheckUrl(installUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(newVersion);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var previous = RequireInstalled();
            var app = previous with { ApplicationToken = RandomTokens.Hex(32), Version = newVersion.Trim() };
            portal.App = app;
            var bound = RemoveAppHandlers("ONAPPUPDATE", clearOfflineQueue: false);
            var tokens = portal.Tokens.Issue(1);
            var posts = new List<SandboxInstallPost>
            {
                await PostAsync("ONAPPUPDATE", installUrl, InstallForms.Update(portal, app, previous.Version, tokens, null), cancellationToken),
            };
            foreach (var binding in bound.Where(b => !SameUrl(b.Handler, installUrl)))
            {
                posts.Add(await PostAsync("ONAPPUPDATE", new Uri(binding.Handler), InstallForms.Update(portal, app, previous.Version, tokens, binding.Id), cancellationToken));
            }

            return Result(posts, tokens, app);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SandboxInstallResult> UninstallAsync(Uri installUrl, bool clean, CancellationToken cancellationToken)
    {
        CheckUrl(installUrl);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var app = RequireInstalled() with { Installed = false };
            portal.App = app;
            portal.Tokens.RevokeAll();
            var bound = RemoveAppHandlers("ONAPPUNINSTALL", clearOfflineQueue: true);
            RemovePlacements();
            var posts = new List<SandboxInstallPost>
            {
                await PostAsync("ONAPPUNINSTALL", installUrl, InstallForms.Uninstall(portal, app, clean, null), cancellationToken),
            };
            foreach (var binding in bound.Where(b => !SameUrl(b.Handler, installUrl)))
            {
                posts.Add(await PostAsync("ONAPPUNINSTALL", new Uri(binding.Handler), InstallForms.Uninstall(portal, app, clean, binding.Id), cancellationToken));
            }

            return Result(posts, null, app);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private static HttpClient CreateClient()
    {
        var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        // UNCONFIRMED (§4.4): third-party logs show this User-Agent on calls from Bitrix24.
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Bitrix24 Webhook Engine");
        return client;
    }

    private static void CheckUrl(Uri installUrl)
    {
        ArgumentNullException.ThrowIfNull(installUrl);
        if (!installUrl.IsAbsoluteUri || (installUrl.Scheme != Uri.UriSchemeHttp && installUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The installation URL must be an absolute http or https address, not '{installUrl}'.", nameof(installUrl));
        }
    }

    /// <summary>True for the callback form, false for ONAPPINSTALL.</summary>
    private static bool[] Steps(SandboxInstallOrder order) => order switch
    {
        SandboxInstallOrder.CallbackThenEvent => [true, false],
        SandboxInstallOrder.EventThenCallback => [false, true],
        SandboxInstallOrder.CallbackOnly => [true],
        SandboxInstallOrder.EventOnly => [false],
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown install order."),
    };

    private static bool SameUrl(string handler, Uri installUrl) =>
        Uri.TryCreate(handler, UriKind.Absolute, out var url) && Uri.Compare(url, installUrl, UriComponents.HttpRequestUrl, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    private SandboxApp RequireInstalled()
    {
        var app = portal.App;
        return app.Installed ? app : throw new InvalidOperationException("The app is not installed on this portal; call InstallAppAsync first.");
    }

    /// <summary>
    /// §4.1, §5.2: removes every event handler and robot of the app; returns the online handlers that were bound to
    /// <paramref name="eventName"/>, so they still get it.
    /// </summary>
    private List<EventBinding> RemoveAppHandlers(string eventName, bool clearOfflineQueue)
    {
        lock (portal.State.Gate)
        {
            var state = portal.State;
            var bound = state.Bindings.Values.Where(b => !b.Offline && string.Equals(b.Event, eventName, StringComparison.Ordinal)).ToList();
            state.Bindings.Clear();
            state.Robots.Clear();
            state.OfflineNotices.Clear();
            state.OfflineNoticesDeferred.Clear();
            if (clearOfflineQueue)
            {
                state.OfflineEvents.Clear();
            }

            return bound;
        }
    }

    /// <summary>
    /// An uninstalled app's widgets leave the portal with it (§1.5: "widget handlers"). An update keeps them
    /// (UNCONFIRMED: the docs say nothing of placements on update; the app may bind them again either way).
    /// </summary>
    private void RemovePlacements()
    {
        lock (portal.State.Gate)
        {
            portal.State.Placements.Clear();
        }
    }

    private async Task<SandboxInstallPost> PostAsync(string name, Uri url, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var limit = portal.Options.AppCallTimeout > TimeSpan.Zero ? portal.Options.AppCallTimeout : TimeSpan.FromSeconds(30);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await _http.PostAsync(url, content, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new SandboxInstallPost(name, url, (int)response.StatusCode, body.Length > MaxBody ? body[..MaxBody] : body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SandboxInstallPost(name, url, 0, "", $"no answer within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            return new SandboxInstallPost(name, url, 0, "", e.Message);
        }
    }

    private static SandboxInstallResult Result(List<SandboxInstallPost> posts, SandboxTokens? tokens, SandboxApp app) => new()
    {
        Posts = posts,
        Tokens = tokens,
        ApplicationToken = app.ApplicationToken,
        MemberId = app.MemberId,
        Version = app.Version,
    };
}
