using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>OAuth and webhook access (bitrix24-rest.md §2, §3): refresh once, single-flight, stored first; clear errors.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private Bitrix24Sandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await Bitrix24Sandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task ExpiredToken_FiftyConcurrentCallers_OneRefreshAndAllSucceed()
    {
        var (client, store) = await SandboxClients.InstallAsync(_sandbox);
        using var _ = client;
        var dealId = await client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Параллельно" });
        var before = await store.GetAsync(_sandbox.App.MemberId);
        _sandbox.ExpireAccessTokens();

        var deals = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.Crm.Deals.GetAsync(dealId)));
        var after = await store.GetAsync(_sandbox.App.MemberId);

        Assert.All(deals, d => Assert.Equal("Параллельно", d.Value<string>("TITLE")));
        Assert.Equal(1, _sandbox.Stats.Refreshes);
        Assert.Equal(0, _sandbox.Stats.RefreshFailures);
        Assert.NotEqual(before!.RefreshToken, after!.RefreshToken);
        Assert.NotEqual(before.AccessToken, after.AccessToken);
    }

    /// <summary>
    /// Issue 16's stall: tokens expire twice in quick succession with several instances sharing the token store. This
    /// call's token expired; by the time it asks for a new one another instance has refreshed, and the portal has expired
    /// that token too. The call is handed the other instance's (dead) token, meets expired_token again, and must refresh
    /// once more instead of failing.
    /// </summary>
    [Fact]
    public async Task ExpiredToken_HandedAnotherInstancesTokenThatExpiredToo_RefreshesAgainAndSucceeds()
    {
        var (other, shared) = await SandboxClients.InstallAsync(_sandbox);
        using var _ = other;
        var store = new InterleavingTokenStore(shared)
        {
            BeforeRefresh = async call =>
            {
                if (call == 1)
                {
                    await other.ProfileAsync();
                    _sandbox.ExpireAccessTokens();
                }
            },
        };
        using var client = Bitrix24Client.ForInstallation(_sandbox.App.MemberId, store, App(), SandboxClients.Options());
        _sandbox.ExpireAccessTokens();

        var profile = await client.ProfileAsync();

        Assert.NotNull(profile);
        Assert.Equal((2, 0), (_sandbox.Stats.Refreshes, _sandbox.Stats.RefreshFailures));
        Assert.Equal(2, client.Statistics.Refreshes);
    }

    /// <summary>A token the call has just refreshed itself and the portal still calls expired is not refreshed again: the error stands.</summary>
    [Fact]
    public async Task ExpiredToken_AgainRightAfterItsOwnRefresh_IsRaisedWithoutASecondRefresh()
    {
        var (installed, shared) = await SandboxClients.InstallAsync(_sandbox);
        using var _ = installed;
        var store = new InterleavingTokenStore(shared) { AfterRefresh = _sandbox.ExpireAccessTokens };
        using var client = Bitrix24Client.ForInstallation(_sandbox.App.MemberId, store, App(), SandboxClients.Options());
        _sandbox.ExpireAccessTokens();

        await Assert.ThrowsAsync<Bitrix24ExpiredTokenException>(() => client.ProfileAsync());

        Assert.Equal(1, _sandbox.Stats.Refreshes);
    }

    /// <summary>Handed an expired token every time (another instance refreshing and the portal expiring in a loop), a call gives up after its bounded number of refreshes.</summary>
    [Fact]
    public async Task ExpiredToken_HandedExpiredTokensEveryTime_GivesUpAfterMaxTokenRefreshes()
    {
        var (other, shared) = await SandboxClients.InstallAsync(_sandbox);
        using var _ = other;
        var store = new InterleavingTokenStore(shared)
        {
            BeforeRefresh = async call =>
            {
                if (call <= 10)
                {
                    await other.ProfileAsync();
                    _sandbox.ExpireAccessTokens();
                }
            },
        };
        using var client = Bitrix24Client.ForInstallation(_sandbox.App.MemberId, store, App(), SandboxClients.Options() with { MaxTokenRefreshes = 3 });
        _sandbox.ExpireAccessTokens();

        await Assert.ThrowsAsync<Bitrix24ExpiredTokenException>(() => client.ProfileAsync());

        Assert.Equal(3, store.Refreshes);
        Assert.Equal(3, _sandbox.Stats.Refreshes);
    }

    [Fact]
    public async Task ExpiredToken_ByTheClientsClock_IsRefreshedBeforeTheCall()
    {
        var (client, store) = await SandboxClients.InstallAsync(_sandbox);
        using var _ = client;
        var tokens = await store.GetAsync(_sandbox.App.MemberId);
        await store.SaveAsync(tokens! with { ExpiresAt = DateTimeOffset.UnixEpoch });

        await client.ProfileAsync();

        Assert.Equal(1, _sandbox.Stats.Refreshes);
        Assert.Equal(1, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task RefreshToken_AlreadyUsedElsewhere_SaysTheAppMustBeReinstalled()
    {
        var (client, store) = await SandboxClients.InstallAsync(_sandbox);
        using var _ = client;
        var stale = await store.GetAsync(_sandbox.App.MemberId);
        using var other = new HttpClient();
        var burn = await other.GetAsync(new Uri($"{_sandbox.TokenEndpoint}?grant_type=refresh_token&client_id={_sandbox.App.ClientId}&client_secret={_sandbox.App.ClientSecret}&refresh_token={stale!.RefreshToken}"));
        burn.EnsureSuccessStatusCode();
        _sandbox.ExpireAccessTokens();

        var error = await Assert.ThrowsAsync<Bitrix24ReinstallRequiredException>(() => client.ProfileAsync());

        Assert.Equal(_sandbox.App.MemberId, error.MemberId);
        Assert.Contains("re-installed", error.Message, StringComparison.Ordinal);
    }

    private OAuthAppOptions App() => new() { ClientId = _sandbox.App.ClientId, ClientSecret = _sandbox.App.ClientSecret, TokenEndpoint = _sandbox.TokenEndpoint };

    [Fact]
    public async Task WrongClientSecret_IsAnAuthenticationErrorNamingTheCause()
    {
        var store = new InMemoryTokenStore();
        var issued = _sandbox.IssueTokens();
        await store.SaveAsync(new OAuthTokens { MemberId = _sandbox.App.MemberId, AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = DateTimeOffset.UnixEpoch, ClientEndpoint = _sandbox.ClientEndpoint });
        using var client = Bitrix24Client.ForInstallation(_sandbox.App.MemberId, store, new OAuthAppOptions { ClientId = _sandbox.App.ClientId, ClientSecret = "wrong", TokenEndpoint = _sandbox.TokenEndpoint }, SandboxClients.Options());

        var error = await Assert.ThrowsAsync<Bitrix24AuthenticationException>(() => client.ProfileAsync());

        Assert.Equal(Bitrix24ErrorCodes.InvalidClient, error.Code);
    }

    [Fact]
    public async Task Webhook_WrongSecret_IsNoAuthFound()
    {
        var wrong = new Uri(_sandbox.WebhookUrl.AbsoluteUri.Replace(_sandbox.WebhookUrl.Segments[^1], "wrongsecret/", StringComparison.Ordinal));
        using var client = Bitrix24Client.ForWebhook(wrong, SandboxClients.Options());

        var error = await Assert.ThrowsAsync<Bitrix24AuthenticationException>(() => client.ProfileAsync());

        Assert.Equal(Bitrix24ErrorCodes.NoAuthFound, error.Code);
    }

    [Fact]
    public async Task Webhook_WithoutTheScope_IsInsufficientScope()
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { WebhookScopes = "crm" });
        using var client = SandboxClients.Webhook(sandbox);

        var error = await Assert.ThrowsAsync<Bitrix24AccessDeniedException>(() => client.Notify.SystemAddAsync(1, "x"));

        Assert.Equal(Bitrix24ErrorCodes.InsufficientScope, error.Code);
    }
}
