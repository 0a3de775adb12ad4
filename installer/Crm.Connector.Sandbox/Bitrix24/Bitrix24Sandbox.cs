using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Http;
using Crm.Connector.Sandbox.Bitrix24.Methods.Bizproc;
using Crm.Connector.Sandbox.Bitrix24.Methods.Items;
using Crm.Connector.Sandbox.Bitrix24.State;
using Microsoft.AspNetCore.Builder;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>
/// A stateful Bitrix24 portal on loopback, following <c>reference/bitrix24-rest.md</c>: REST over webhook URLs and
/// OAuth tokens, the OAuth token endpoint with refresh-token rotation, batch, list paging, the leaky-bucket limit,
/// CRM pipelines/stages/user fields/items, tasks, to-dos, comments, notifications, robots and events sent to bound
/// handlers. <c>/_sandbox/stats</c> and <c>/_sandbox/state</c> let tests and benchmarks count and inspect.
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

    /// <summary>The installed application.</summary>
    public SandboxApp App => _portal.App;

    /// <summary>Faults to inject; change them while the portal runs.</summary>
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
    public SandboxTokens IssueTokens(int userId = 1)
    {
        lock (_portal.State.Gate)
        {
            if (!_portal.State.Users.ContainsKey(userId))
            {
                throw new ArgumentOutOfRangeException(nameof(userId), userId, "The portal has users 1 (admin) to 4.");
            }
        }

        return _portal.Tokens.Issue(userId);
    }

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
