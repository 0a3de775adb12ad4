using Crm.Connector.AmoCrm.Errors;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>OAuth installations: rotating refresh tokens, single-flight, the store as the source of truth.</summary>
public sealed class AuthTests : IDisposable
{
    private const string AccountPath = "/api/v4/account";
    private const string AccountJson = """{"id":1,"name":"School","subdomain":"school","current_user_id":5,"is_loss_reason_enabled":true}""";

    private readonly StubAccount _stub = new();
    private readonly InMemoryAmoTokenStore _store = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task GetAsync_FiftyConcurrentCallersWithAnExpiredToken_ExactlyOneRefreshAndAllSucceed()
    {
        await SaveAsync("old-access", "old-refresh", TimeProvider.System.GetUtcNow().AddMinutes(-1));
        _stub.Server.Given(Request.Create().WithPath(StubAccount.TokenPath).UsingPost())
            .RespondWith(StubAccount.Json(StubAccount.TokenPair("new-access", "new-refresh")).WithDelay(TimeSpan.FromMilliseconds(200)));
        AcceptOnly("new-access");
        using var client = AmoCrmClient.ForInstallation(_stub.Account, _store, StubAccount.App, StubAccount.FastOptions());

        var accounts = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => client.AccountInfo.GetAsync())));

        Assert.Equal(1, _stub.Count(StubAccount.TokenPath, "POST"));
        Assert.All(accounts, a => Assert.Equal("school", a.Subdomain));
        Assert.Equal("new-refresh", (await _store.LoadAsync(_stub.Account.Key))!.RefreshToken);
        Assert.Equal(1, client.Statistics.Refreshes);
    }

    [Fact]
    public async Task GetAsync_AnotherWorkerRotatedThePairFirst_UsesTheWinnersPairWithoutReinstall()
    {
        await SaveAsync("old-access", "old-refresh", TimeProvider.System.GetUtcNow().AddMinutes(-1));

        // The other worker used the same refresh token a moment earlier and stored its new pair: ours is refused.
        _stub.Server.Given(Request.Create().WithPath(StubAccount.TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/problem+json").WithBody(_ =>
            {
                _store.SaveAsync(Pair("winner-access", "winner-refresh", TimeProvider.System.GetUtcNow().AddHours(24))).GetAwaiter().GetResult();
                return Revoked;
            }));
        AcceptOnly("winner-access");
        using var client = AmoCrmClient.ForInstallation(_stub.Account, _store, StubAccount.App, StubAccount.FastOptions());

        var account = await client.AccountInfo.GetAsync();

        Assert.Equal("school", account.Subdomain);
        Assert.Equal(1, _stub.Count(StubAccount.TokenPath, "POST"));
        Assert.Equal("winner-refresh", (await _store.LoadAsync(_stub.Account.Key))!.RefreshToken);
    }

    [Fact]
    public async Task GetAsync_RefreshTokenRevokedAndNoNewerPair_RaisesReinstallRequired()
    {
        await SaveAsync("old-access", "old-refresh", TimeProvider.System.GetUtcNow().AddMinutes(-1));
        _stub.On("POST", StubAccount.TokenPath, StubAccount.Json(Revoked, 401));
        AcceptOnly("never-issued");
        using var client = AmoCrmClient.ForInstallation(_stub.Account, _store, StubAccount.App, StubAccount.FastOptions());

        var error = await Assert.ThrowsAsync<AmoCrmReinstallRequiredException>(() => client.AccountInfo.GetAsync());

        Assert.Contains("re-install", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _stub.Count(AccountPath));
    }

    [Fact]
    public async Task GetAsync_AccessTokenRefusedWith401_RefreshesOnceAndRepeats()
    {
        await SaveAsync("revoked-access", "old-refresh", TimeProvider.System.GetUtcNow().AddHours(20));
        _stub.On("POST", StubAccount.TokenPath, StubAccount.Json(StubAccount.TokenPair("new-access", "new-refresh")));
        AcceptOnly("new-access");
        using var client = AmoCrmClient.ForInstallation(_stub.Account, _store, StubAccount.App, StubAccount.FastOptions());

        await client.AccountInfo.GetAsync();

        Assert.Equal(2, _stub.Count(AccountPath));
        Assert.Equal(1, _stub.Count(StubAccount.TokenPath, "POST"));
    }

    [Fact]
    public async Task GetAsync_TokenAboutToExpire_RefreshesBeforeTheCall()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        await SaveAsync("old-access", "old-refresh", time.GetUtcNow().AddMinutes(5));
        _stub.On("POST", StubAccount.TokenPath, StubAccount.Json(StubAccount.TokenPair("new-access", "new-refresh")));
        AcceptOnly("new-access");
        using var client = AmoCrmClient.ForInstallation(_stub.Account, _store, StubAccount.App, StubAccount.FastOptions(time));

        await client.AccountInfo.GetAsync();

        Assert.Equal(1, _stub.Count(AccountPath));
        Assert.Equal(time.GetUtcNow().AddSeconds(86400), (await _store.LoadAsync(_stub.Account.Key))!.ExpiresAt);
    }

    [Fact]
    public async Task GetAsync_LongLivedTokenRefused_RaisesAuthenticationSayingItExpiredOrWasRevoked()
    {
        _stub.On("GET", AccountPath, StubAccount.Problem(401, "Unauthorized"));
        using var client = _stub.LongLived();

        var error = await Assert.ThrowsAsync<AmoCrmAuthenticationException>(() => client.AccountInfo.GetAsync());

        Assert.Contains("expired or was revoked", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _stub.Count(AccountPath));
    }

    [Fact]
    public async Task ExchangeCodeAsync_Code_PostsItToTheAccountHostAndReturnsThePair()
    {
        _stub.On("POST", StubAccount.TokenPath, StubAccount.Json(StubAccount.TokenPair("a", "r")));
        using var oauth = new AmoOAuthClient(StubAccount.FastOptions());

        var tokens = await oauth.ExchangeCodeAsync(_stub.Account, StubAccount.App, "code-1");

        Assert.Equal(("a", "r", _stub.Account.Key), (tokens.AccessToken, tokens.RefreshToken, tokens.AccountKey));
        Assert.Contains("\"grant_type\":\"authorization_code\"", _stub.Bodies(StubAccount.TokenPath, "POST")[0], StringComparison.Ordinal);
    }

    private const string Revoked = """{"hint":"Token has been revoked","title":"Некорректный запрос","type":"https://developers.amocrm.ru/v3/errors/OAuthProblemJson","status":401,"detail":"В запросе отсутствует ряд параметров или параметры невалидны"}""";

    private void AcceptOnly(string accessToken)
    {
        _stub.Server.Given(Request.Create().WithPath(AccountPath).UsingGet().WithHeader("Authorization", "Bearer " + accessToken))
            .AtPriority(1)
            .RespondWith(StubAccount.Json(AccountJson));
        _stub.Server.Given(Request.Create().WithPath(AccountPath).UsingGet())
            .AtPriority(10)
            .RespondWith(StubAccount.Problem(401, "Unauthorized"));
    }

    private AmoTokens Pair(string access, string refresh, DateTimeOffset expiresAt) =>
        new() { AccountKey = _stub.Account.Key, AccessToken = access, RefreshToken = refresh, ExpiresAt = expiresAt };

    private Task SaveAsync(string access, string refresh, DateTimeOffset expiresAt) => _store.SaveAsync(Pair(access, refresh, expiresAt));
}
