using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Handlers;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage.Installations;
using Microsoft.Azure.Functions.Worker;
using Newtonsoft.Json.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Crm.Connector.Functions.Tests.Instances;

/// <summary>
/// The reconcile timer queues a sweep per portal and each message sweeps one portal: a portal that fails is reported
/// and left for the next period without touching the others, and a message that comes twice sweeps once. Built on one
/// app instance: a SQLite store in a temporary file, a WireMock token endpoint that answers the broken portal's refresh
/// with 200 and an unreadable body, and a sandbox portal with a deal to find.
/// </summary>
public sealed class ReconcileFanOutTests : IAsyncLifetime
{
    /// <summary>Sorts before any sandbox member id, so its message is queued first.</summary>
    private const string BrokenMember = "0000-broken-token-answer";

    private readonly string _directory = Directory.CreateTempSubdirectory("crmc-sweep-").FullName;
    private readonly WireMockServer _oauth = WireMockServer.Start();
    private Bitrix24Sandbox _sandbox = null!;
    private AppInstance _app = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await Bitrix24Sandbox.StartAsync();

        // The real clock: the sandbox portal stamps its deals with it, and the sweep reads what changed since install.
        _app = await AppInstance.StartAsync(Path.Combine(_directory, "store.db"), TimeProvider.System, new Dictionary<string, string?>
        {
            ["Bitrix24:ClientId"] = _sandbox.App.ClientId,
            ["Bitrix24:ClientSecret"] = _sandbox.App.ClientSecret,
            ["Bitrix24:TokenEndpoint"] = _oauth.Url + "/oauth/token/",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
        _oauth.Stop();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"access_token\":\"new-acc")]
    [InlineData("<html><body>Bad Gateway</body></html>")]
    public async Task Sweep_OnePortalsRefreshAnsweredWithABrokenBody_IsLeftForTheNextPeriod_AndTheOtherPortalIsSwept(string tokenAnswer)
    {
        _oauth.Given(Request.Create().WithPath("/oauth/token/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(tokenAnswer));
        await InstallBothAsync();

        var queued = await _app.Function<ReconcileFunction>().RunAsync(new TimerInfo(), CancellationToken.None);
        Assert.Equal([BrokenMember, _sandbox.App.MemberId], queued.Select(m => ReconcileMessage.Parse(m)!.Value.MemberId));

        // Neither throws: a throw would have the queue retry the broken portal at once.
        var broken = await _app.Function<ReconcilePortalFunction>().RunAsync(queued[0], CancellationToken.None);
        var swept = await _app.Function<ReconcilePortalFunction>().RunAsync(queued[1], CancellationToken.None);

        Assert.Empty(broken);
        Assert.Null((await _app.Store.Installations.GetAsync(BrokenMember))!.SweptUntil);
        Assert.Equal([WorkMessage.Drain(_sandbox.App.MemberId)], swept);
        Assert.NotNull((await _app.Store.Installations.GetAsync(_sandbox.App.MemberId))!.SweptUntil);
    }

    [Fact]
    public async Task Sweep_MessageDeliveredTwice_SweepsThePortalOnce()
    {
        await InstallBothAsync();
        var message = ReconcileMessage.For(_sandbox.App.MemberId, TimeProvider.System.GetUtcNow());

        var first = await _app.Function<ReconcilePortalFunction>().RunAsync(message, CancellationToken.None);
        var requests = _sandbox.Stats.Requests;
        var again = await _app.Function<ReconcilePortalFunction>().RunAsync(message, CancellationToken.None);

        Assert.Equal([WorkMessage.Drain(_sandbox.App.MemberId)], first);
        Assert.Empty(again);
        Assert.Equal(requests, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Sweep_MessageThatIsNotASweepRequest_IsDroppedWithoutThrowing()
    {
        Assert.Empty(await _app.Function<ReconcilePortalFunction>().RunAsync("{\"kind\":\"drain\",\"memberId\":\"x\"}", CancellationToken.None));
        Assert.Empty(await _app.Function<ReconcilePortalFunction>().RunAsync("not json", CancellationToken.None));
    }

    /// <summary>The broken portal (stale token, refreshed at WireMock) and the sandbox portal with a deal changed since install.</summary>
    private async Task InstallBothAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        await InstallAsync(BrokenMember, new Uri(_oauth.Url! + "/rest/"), accessToken: "stale", refreshToken: "the-only-one", expiresAt: now.AddHours(-1), now);
        var issued = _sandbox.IssueTokens();
        await InstallAsync(_sandbox.App.MemberId, _sandbox.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt, now);
        using var webhook = Bitrix24Client.ForWebhook(_sandbox.WebhookUrl);
        await webhook.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "changed while the app was away" });
    }

    private Task InstallAsync(string memberId, Uri clientEndpoint, string accessToken, string refreshToken, DateTimeOffset expiresAt, DateTimeOffset now) =>
        _app.Store.Installations.SaveAsync(
            new Installation { MemberId = memberId, Domain = clientEndpoint.Authority, InstalledAt = now, UpdatedAt = now, TokensRefreshedAt = now },
            new OAuthTokens { MemberId = memberId, AccessToken = accessToken, RefreshToken = refreshToken, ExpiresAt = expiresAt, ClientEndpoint = clientEndpoint });
}
