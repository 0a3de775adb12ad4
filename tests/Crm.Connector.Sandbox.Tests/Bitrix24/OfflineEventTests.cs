using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>The offline event queue (bitrix24-rest.md §4.6).</summary>
public sealed class OfflineEventTests : SandboxTest
{
    private string _token = "";

    [Fact]
    public async Task Queue_ManyUpdatesOfOneDeal_KeepOneEntry() // §4.6: latest state per object, not history
    {
        await BindAsync("ONCRMDEALUPDATE");
        var a = await Rest.AddDealAsync("А");
        var b = await Rest.AddDealAsync("Б");
        await UpdateAsync(a, "А2");
        await UpdateAsync(a, "А3");
        await UpdateAsync(b, "Б2");

        var listed = (await Rest.OAuthAsync(_token, "event.offline.list")).Ok();

        Assert.Equal(2, listed.Count());
        Assert.Equal([a.ToString(System.Globalization.CultureInfo.InvariantCulture), b.ToString(System.Globalization.CultureInfo.InvariantCulture)], listed.Select(e => e["EVENT_DATA"]!["FIELDS"]!.Value<string>("ID")));
    }

    [Fact]
    public async Task Get_Default_ReturnsAndClears() // §4.6: clear=1 by default
    {
        await BindAsync("ONCRMDEALADD");
        await Rest.AddDealAsync("Офлайн");

        var first = (await Rest.OAuthAsync(_token, "event.offline.get")).Ok();
        var second = (await Rest.OAuthAsync(_token, "event.offline.get")).Ok();

        var single = Assert.Single(first["events"]!);
        Assert.Equal(["ID", "TIMESTAMP_X", "EVENT_NAME", "EVENT_DATA", "EVENT_ADDITIONAL", "MESSAGE_ID"], ((JObject)single).Properties().Select(p => p.Name));
        Assert.Equal("ONCRMDEALADD", single.Value<string>("EVENT_NAME"));
        Assert.NotEmpty(first.Value<string>("process_id")!);
        Assert.Empty(second["events"]!);
    }

    [Fact]
    public async Task Get_ClearZero_ReservesForOneReaderUntilCleared() // §4.6: reserve + process_id; parallel readers get disjoint sets
    {
        await BindAsync("ONCRMDEALADD");
        for (var i = 0; i < 3; i++)
        {
            await Rest.AddDealAsync($"Д{i}");
        }

        var reserved = (await Rest.OAuthAsync(_token, "event.offline.get", """{"clear":0,"limit":2}""")).Ok();
        var other = (await Rest.OAuthAsync(_token, "event.offline.get", """{"clear":0}""")).Ok();
        var messages = reserved["events"]!.Select(e => e.Value<string>("MESSAGE_ID")).ToList();
        (await Rest.OAuthAsync(_token, "event.offline.clear", new JObject { ["process_id"] = reserved["process_id"], ["message_id"] = new JArray(messages) }.ToString())).Ok();
        var remaining = (await Rest.OAuthAsync(_token, "event.offline.list")).Ok();

        Assert.Equal(2, reserved["events"]!.Count());
        Assert.Single(other["events"]!);
        Assert.NotEqual(reserved.Value<string>("process_id"), other.Value<string>("process_id"));
        Assert.Single(remaining);
        Assert.Equal(other["events"]![0]!.Value<string>("MESSAGE_ID"), remaining[0]!.Value<string>("MESSAGE_ID"));
    }

    [Fact]
    public async Task Error_MarkedEntries_AreReadOnlyWithError1() // §4.6 event.offline.error (assumed semantics)
    {
        await BindAsync("ONCRMDEALADD");
        await Rest.AddDealAsync("Ошибка");
        var reserved = (await Rest.OAuthAsync(_token, "event.offline.get", """{"clear":0}""")).Ok();

        (await Rest.OAuthAsync(_token, "event.offline.error", new JObject { ["process_id"] = reserved["process_id"], ["message_id"] = new JArray(reserved["events"]![0]!["MESSAGE_ID"]!) }.ToString())).Ok();
        var normal = (await Rest.OAuthAsync(_token, "event.offline.get", """{"clear":0}""")).Ok();
        var withErrors = (await Rest.OAuthAsync(_token, "event.offline.get", """{"clear":1,"error":1}""")).Ok();

        Assert.Empty(normal["events"]!);
        Assert.Single(withErrors["events"]!);
    }

    [Fact]
    public async Task Bind_Offline_NeedsAnAdmin() // §4.6: admin only
    {
        var manager = Sandbox.IssueTokens(2);

        var reply = await Rest.OAuthAsync(manager.AccessToken, "event.bind", """{"event":"ONCRMDEALADD","event_type":"offline"}""");

        reply.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Fact]
    public async Task Offline_EventsWithoutBinding_AreNotQueued()
    {
        await BindAsync("ONCRMDEALDELETE");
        await Rest.AddDealAsync("Не в очереди");

        var listed = (await Rest.OAuthAsync(_token, "event.offline.list")).Ok();

        Assert.Empty(listed);
    }

    private async Task BindAsync(string eventName)
    {
        _token = Sandbox.IssueTokens().AccessToken;
        (await Rest.OAuthAsync(_token, "event.bind", new JObject { ["event"] = eventName, ["event_type"] = "offline" }.ToString())).Ok();
    }

    private async Task UpdateAsync(int id, string title) =>
        (await Rest.WebhookAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = title } })).Ok();
}
