using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.Jobs;
using Crm.Connector.Storage.Snapshots;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Tests;

public abstract partial class StoreContract
{
    protected const string Member = "a1b2c3d4e5f6";

    [StoreFact]
    public async Task Installation_SavedWithTokens_ReadsBackEveryField()
    {
        var installation = NewInstallation() with
        {
            ApplicationTokenHash = ApplicationTokenHash.Of("app-secret"),
            Plan = "standard",
            TemplateKey = "driving-school",
            AppVersion = "3",
            Settings = new JObject { ["timeZone"] = "Europe/Moscow", ["roles"] = new JObject { ["senior"] = 7 } },
            SweptUntil = Time.GetUtcNow().AddMinutes(-5),
            TokensRefreshedAt = Time.GetUtcNow().AddDays(-1),
        };

        await Store.Installations.SaveAsync(installation, Tokens("access-1", "refresh-1"));

        var read = await Store.Installations.GetAsync(Member);
        Assert.NotNull(read);
        Assert.Equal(installation with { Settings = read.Settings }, read);
        Assert.True(JToken.DeepEquals(installation.Settings, read.Settings), read.Settings.ToString());
        var tokens = await Store.Tokens.GetAsync(Member);
        Assert.Equal(Tokens("access-1", "refresh-1"), tokens);
    }

    [StoreFact]
    public async Task Installation_SavedAgain_ReplacesItAndKeepsTokensWhenNoneGiven()
    {
        await Store.Installations.SaveAsync(NewInstallation(), Tokens("access-1", "refresh-1"));

        await Store.Installations.SaveAsync(NewInstallation() with { Domain = "moved.bitrix24.ru", Plan = "basic" });

        var read = await Store.Installations.GetAsync(Member);
        Assert.Equal(("moved.bitrix24.ru", "basic"), (read!.Domain, read.Plan));
        Assert.Equal("access-1", (await Store.Tokens.GetAsync(Member))!.AccessToken);
    }

    [StoreFact]
    public async Task Installation_Unknown_IsNullAndCannotBeMarkedRemoved()
    {
        Assert.Null(await Store.Installations.GetAsync("nobody"));
        Assert.Null(await Store.Tokens.GetAsync("nobody"));
        Assert.False(await Store.Installations.MarkRemovedAsync("nobody"));
    }

    [StoreFact]
    public async Task ListActive_LeavesOutRemovedInstallations()
    {
        await Store.Installations.SaveAsync(NewInstallation());
        await Store.Installations.SaveAsync(NewInstallation() with { MemberId = "other" });

        Assert.True(await Store.Installations.MarkRemovedAsync("other"));

        Assert.Equal([Member], (await Store.Installations.ListActiveAsync()).Select(i => i.MemberId));
        Assert.Equal([Member], await Store.Installations.ListActiveMemberIdsAsync());
        Assert.Equal(InstallationStatus.Removed, (await Store.Installations.GetAsync("other"))!.Status);
    }

    [StoreFact]
    public async Task DeleteAllData_RemovesEverythingOfThatPortalAndNothingOfAnother()
    {
        foreach (var member in new[] { Member, "other" })
        {
            await Store.Installations.SaveAsync(NewInstallation() with { MemberId = member }, Tokens("a", "r") with { MemberId = member });
            await Store.Snapshots.SaveManyAsync([new EntitySnapshot(member, "deal", 1, new JObject { ["STAGE_ID"] = "NEW" }, Time.GetUtcNow())]);
            await Store.Inbox.TryAcceptAsync(new InboxItem { Key = $"{member}:e1", MemberId = member, Kind = "event", ReceivedAt = Time.GetUtcNow() });
            await Store.Jobs.ScheduleAsync(new ScheduledJob { Key = $"{member}:j1", MemberId = member, Kind = "x", DueAt = Time.GetUtcNow() });
            await Store.Audit.AppendAsync([new AuditEntry { MemberId = member, At = Time.GetUtcNow(), Action = "install", Cause = "test" }]);
            var ledger = await Store.Ledgers.LoadAsync(member, "driving-school");
            await Store.Ledgers.SaveAsync(ledger);
        }

        var removed = await Store.Installations.DeleteAllDataAsync(Member);

        Assert.Equal(6, removed);
        Assert.Null(await Store.Installations.GetAsync(Member));
        Assert.Null(await Store.Tokens.GetAsync(Member));
        Assert.Null(await Store.Snapshots.GetAsync(Member, "deal", 1));
        Assert.Empty(await Store.Audit.ListAsync(Member));
        Assert.NotNull(await Store.Installations.GetAsync("other"));
        Assert.NotNull(await Store.Snapshots.GetAsync("other", "deal", 1));
        Assert.Single(await Store.Audit.ListAsync("other"));
        Assert.NotNull(await Store.Jobs.FindAsync("other:j1"));
        Assert.Null(await Store.Jobs.FindAsync($"{Member}:j1"));
    }

    [StoreFact]
    public async Task Tokens_AreEncryptedAtRest_AndReadableByAnotherInstanceSharingTheKeyRing()
    {
        await Store.Installations.SaveAsync(NewInstallation(), Tokens("plain-access-token-value", "plain-refresh-token-value"));

        var access = (string?)await RawScalarAsync($"SELECT access_token FROM installations WHERE member_id = '{Member}'");
        var refresh = (string?)await RawScalarAsync($"SELECT refresh_token FROM installations WHERE member_id = '{Member}'");
        Assert.NotNull(access);
        Assert.DoesNotContain("plain-access", access, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-refresh", refresh!, StringComparison.Ordinal);

        var other = await OpenAsync();
        Assert.Equal("plain-refresh-token-value", (await other.Tokens.GetAsync(Member))!.RefreshToken);
    }

    [StoreFact]
    public async Task TokensSave_ForAPortalWithoutInstallation_CreatesAMinimalActiveOne()
    {
        await Store.Tokens.SaveAsync(Tokens("a", "r"));

        var installation = await Store.Installations.GetAsync(Member);
        Assert.Equal(("portal.bitrix24.ru", InstallationStatus.Active), (installation!.Domain, installation.Status));
        Assert.Equal("a", (await Store.Tokens.GetAsync(Member))!.AccessToken);
    }

    [StoreFact]
    public async Task Refresh_FiftyCallersInTwoInstances_RefreshOnceAndAllGetTheWinnersTokens()
    {
        await Store.Installations.SaveAsync(NewInstallation(), Tokens("stale", "refresh-1"));
        var other = await OpenAsync();
        var calls = 0;
        async Task<OAuthTokens> Refresh(OAuthTokens current, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            Assert.Equal("refresh-1", current.RefreshToken);
            await Task.Delay(200, cancellationToken);
            return Tokens("fresh", "refresh-2");
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => (i % 2 == 0 ? Store : other).Tokens.RefreshAsync(Member, "stale", Refresh))));

        Assert.Equal(1, calls);
        Assert.All(results, r => Assert.Equal(("fresh", "refresh-2"), (r.AccessToken, r.RefreshToken)));
        Assert.Equal("refresh-2", (await Store.Tokens.GetAsync(Member))!.RefreshToken);
        Assert.NotNull((await Store.Installations.GetAsync(Member))!.TokensRefreshedAt);
    }

    [StoreFact]
    public async Task Refresh_WhenTheRefresherFails_TheNextCallerRefreshes()
    {
        await Store.Installations.SaveAsync(NewInstallation(), Tokens("stale", "refresh-1"));

        await Assert.ThrowsAsync<HttpRequestException>(() => Store.Tokens.RefreshAsync(Member, "stale", (_, _) => throw new HttpRequestException("token endpoint down")));
        var fresh = await Store.Tokens.RefreshAsync(Member, "stale", (_, _) => Task.FromResult(Tokens("fresh", "refresh-2")));

        Assert.Equal("fresh", fresh.AccessToken);
    }

    [StoreFact]
    public async Task Refresh_LeaseOfAProcessThatDied_IsTakenOverWhenItRunsOut()
    {
        await Store.Installations.SaveAsync(NewInstallation(), Tokens("stale", "refresh-1"));
        var until = Time.GetUtcNow().AddSeconds(30).ToUnixTimeMilliseconds();
        await RawScalarAsync($"UPDATE installations SET refresh_lease_owner = 'dead', refresh_lease_until = {until} WHERE member_id = '{Member}'");

        var refresh = Store.Tokens.RefreshAsync(Member, "stale", (_, _) => Task.FromResult(Tokens("fresh", "refresh-2")));
        await Task.Delay(300);
        Assert.False(refresh.IsCompleted, "the refresh ignored a live lease");

        Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("fresh", (await refresh.WaitAsync(TimeSpan.FromSeconds(10))).AccessToken);
    }

    [StoreFact]
    public async Task Refresh_TokenAlreadyReplaced_ReturnsTheStoredOneWithoutRefreshing()
    {
        await Store.Installations.SaveAsync(NewInstallation(), Tokens("current", "refresh-1"));

        var result = await Store.Tokens.RefreshAsync(Member, "older", (_, _) => throw new InvalidOperationException("must not refresh"));

        Assert.Equal("current", result.AccessToken);
    }

    protected Installation NewInstallation() => new()
    {
        MemberId = Member,
        Domain = "portal.bitrix24.ru",
        InstalledAt = Time.GetUtcNow(),
        UpdatedAt = Time.GetUtcNow(),
    };

    protected OAuthTokens Tokens(string access, string refresh) => new()
    {
        MemberId = Member,
        AccessToken = access,
        RefreshToken = refresh,
        ExpiresAt = Time.GetUtcNow().AddHours(1),
        ClientEndpoint = new Uri("https://portal.bitrix24.ru/rest/"),
        ServerEndpoint = new Uri("https://oauth.bitrix.info/rest/"),
        Scope = "crm,bizproc",
        UserId = 1,
    };
}
