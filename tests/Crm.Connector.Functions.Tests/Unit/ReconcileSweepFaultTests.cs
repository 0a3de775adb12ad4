using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Crm.Connector.Functions.Tests.Unit;

/// <summary>
/// The missed-events sweep goes over every portal; one whose token refresh fails must be reported and skipped, not stop
/// the portals after it. Built directly: a SQLite store in a temporary file, a WireMock token endpoint that answers the
/// broken portal's refresh with 200 and an unreadable body, and a sandbox portal with a deal to find.
/// </summary>
public sealed class ReconcileSweepFaultTests : IAsyncLifetime
{
    /// <summary>Sorts before any sandbox member id, so the sweep meets it first.</summary>
    private const string BrokenMember = "0000-broken-token-answer";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crm-sweep-" + Guid.NewGuid().ToString("N"));
    private readonly WireMockServer _oauth = WireMockServer.Start();
    private readonly ServiceProvider _http = new ServiceCollection().AddLogging().AddBitrix24Http().Services.BuildServiceProvider();
    private Bitrix24Sandbox _sandbox = null!;
    private IStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _sandbox = await Bitrix24Sandbox.StartAsync();
        _store = StoreFactory.Create(new StoreOptions { ConnectionString = Path.Combine(_directory, "store.db") });
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _sandbox.DisposeAsync();
        await _http.DisposeAsync();
        _oauth.Stop();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"access_token\":\"new-acc")]
    [InlineData("<html><body>Bad Gateway</body></html>")]
    public async Task SweepAll_OnePortalsRefreshAnsweredWithABrokenBody_ReportsItAndSweepsThePortalsAfterIt(string tokenAnswer)
    {
        _oauth.Given(Request.Create().WithPath("/oauth/token/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(tokenAnswer));
        var now = TimeProvider.System.GetUtcNow();
        await InstallAsync(BrokenMember, new Uri(_oauth.Url! + "/rest/"), accessToken: "stale", refreshToken: "the-only-one", expiresAt: now.AddHours(-1), now);
        var issued = _sandbox.IssueTokens();
        await InstallAsync(_sandbox.App.MemberId, _sandbox.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt, now);
        using (var webhook = Bitrix24Client.ForWebhook(_sandbox.WebhookUrl))
        {
            await webhook.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "changed while the app was away" });
        }

        using var clients = new PortalClients(
            _store,
            Options.Create(new Bitrix24AppOptions { ClientId = _sandbox.App.ClientId, ClientSecret = _sandbox.App.ClientSecret, TokenEndpoint = new Uri(_oauth.Url! + "/oauth/token/") }),
            TimeProvider.System,
            NullLoggerFactory.Instance,
            _http.GetRequiredService<IHttpClientFactory>());
        var reconciler = new Reconciler(_store, clients, TimeProvider.System);
        var order = (await _store.Installations.ListActiveAsync()).Select(i => i.MemberId).ToList();
        var failures = new List<(string MemberId, Bitrix24Exception Error)>();

        var withWork = await reconciler.SweepAllAsync((member, error) => failures.Add((member, error)), CancellationToken.None);

        Assert.Equal([BrokenMember, _sandbox.App.MemberId], order);
        var failure = Assert.Single(failures);
        Assert.Equal(BrokenMember, failure.MemberId);
        Assert.Contains("may already be spent", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal([_sandbox.App.MemberId], withWork);
        Assert.NotNull((await _store.Installations.GetAsync(_sandbox.App.MemberId))!.SweptUntil);
        Assert.Null((await _store.Installations.GetAsync(BrokenMember))!.SweptUntil);
    }

    private Task InstallAsync(string memberId, Uri clientEndpoint, string accessToken, string refreshToken, DateTimeOffset expiresAt, DateTimeOffset now) =>
        _store.Installations.SaveAsync(
            new Installation { MemberId = memberId, Domain = clientEndpoint.Authority, InstalledAt = now, UpdatedAt = now, TokensRefreshedAt = now },
            new OAuthTokens { MemberId = memberId, AccessToken = accessToken, RefreshToken = refreshToken, ExpiresAt = expiresAt, ClientEndpoint = clientEndpoint });
}
