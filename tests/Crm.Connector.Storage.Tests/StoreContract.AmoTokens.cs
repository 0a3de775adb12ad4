using Crm.Connector.AmoCrm;

namespace Crm.Connector.Storage.Tests;

public abstract partial class StoreContract
{
    private const string AmoMember = "amocrm-29000001";

    [StoreFact]
    public async Task AmoTokens_SavedThroughTheClientsView_ReadBackUnderTheMemberIdAndAnyAccountKey()
    {
        var view = Store.AmoTokens.StoreOf(AmoMember);

        await view.SaveAsync(AmoPair("school.amocrm.ru", "amo-access-1", "amo-refresh-1"));

        Assert.Equal(AmoPair(AmoMember, "amo-access-1", "amo-refresh-1"), await Store.AmoTokens.GetAsync(AmoMember));
        Assert.Equal(AmoPair("renamed.amocrm.ru", "amo-access-1", "amo-refresh-1"), await view.LoadAsync("renamed.amocrm.ru"));
        Assert.Null(await Store.AmoTokens.StoreOf("amocrm-1").LoadAsync("school.amocrm.ru"));
    }

    [StoreFact]
    public async Task AmoTokens_AtRest_AreEncrypted()
    {
        await Store.AmoTokens.SaveAsync(AmoMember, AmoPair(AmoMember, "amo-access-plain", "amo-refresh-plain"));

        var access = (string?)await RawScalarAsync($"SELECT access_token FROM amo_tokens WHERE member_id = '{AmoMember}'");
        var refresh = (string?)await RawScalarAsync($"SELECT refresh_token FROM amo_tokens WHERE member_id = '{AmoMember}'");
        Assert.DoesNotContain("amo-access-plain", access, StringComparison.Ordinal);
        Assert.DoesNotContain("amo-refresh-plain", refresh, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task AmoTokens_SavedAgainThenDeleted_ReplaceThenVanish()
    {
        await Store.AmoTokens.SaveAsync(AmoMember, AmoPair(AmoMember, "a1", "r1"));
        await Store.AmoTokens.SaveAsync(AmoMember, AmoPair(AmoMember, "a2", "r2"));

        Assert.Equal("r2", (await Store.AmoTokens.GetAsync(AmoMember))!.RefreshToken);
        Assert.True(await Store.AmoTokens.DeleteAsync(AmoMember));
        Assert.Null(await Store.AmoTokens.GetAsync(AmoMember));
        Assert.False(await Store.AmoTokens.DeleteAsync(AmoMember));
    }

    [StoreFact]
    public async Task AmoTokens_RefreshGate_LetsOneRefresherInAtATime_AcrossStoresOnTheSameDatabase()
    {
        await using var other = await OpenAsync();
        var first = Assert.IsAssignableFrom<IAmoRefreshGate>(Store.AmoTokens.StoreOf(AmoMember));
        var second = Assert.IsAssignableFrom<IAmoRefreshGate>(other.AmoTokens.StoreOf(AmoMember));
        var held = await first.EnterAsync("school.amocrm.ru", CancellationToken.None);

        var waiting = second.EnterAsync("school.amocrm.ru", CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        Assert.False(waiting.IsCompleted, "a second process got in while the first was refreshing");

        // Another installation is not held up by it.
        var unrelated = Assert.IsAssignableFrom<IAmoRefreshGate>(other.AmoTokens.StoreOf("amocrm-1"));
        await (await unrelated.EnterAsync("other.amocrm.ru", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();

        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private AmoTokens AmoPair(string key, string access, string refresh) => new()
    {
        AccountKey = key,
        AccessToken = access,
        RefreshToken = refresh,
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().AddHours(24).ToUnixTimeMilliseconds()),
    };
}
