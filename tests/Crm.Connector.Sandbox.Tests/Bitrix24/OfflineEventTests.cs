using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
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
    public async Task Get_Default_ReturnsAndClears() // §4.6: clear=1 by default; the docs' sample answer has process_id null
    {
        await BindAsync("ONCRMDEALADD");
        await Rest.AddDealAsync("Офлайн");

        var first = (await Rest.OAuthAsync(_token, "event.offline.get")).Ok();
        var second = (await Rest.OAuthAsync(_token, "event.offline.get")).Ok();

        var single = Assert.Single(first["events"]!);
        Assert.Equal(["ID", "TIMESTAMP_X", "EVENT_NAME", "EVENT_DATA", "EVENT_ADDITIONAL", "MESSAGE_ID"], ((JObject)single).Properties().Select(p => p.Name));
        Assert.Equal("ONCRMDEALADD", single.Value<string>("EVENT_NAME"));
        Assert.Equal(JTokenType.Null, first["process_id"]!.Type);
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

    [Fact]
    public async Task Queue_ManyChanges_DrainInReservedBatchesUntilEmpty() // §4.6: get clear=0 → process → clear, 50 at a time
    {
        await BindAsync("ONCRMDEALUPDATE");
        foreach (var id in Sandbox.SeedDeals(120))
        {
            await UpdateAsync(id, $"Очередь {id}");
        }

        var seen = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var batch = (await Rest.OAuthAsync(_token, "event.offline.get", """{"clear":0}""")).Ok();
            var events = batch["events"]!.ToList();
            if (events.Count == 0)
            {
                break;
            }

            Assert.True(events.Count <= 50);
            seen.AddRange(events.Select(e => e["EVENT_DATA"]!["FIELDS"]!.Value<string>("ID")!));
            (await Rest.OAuthAsync(_token, "event.offline.clear", new JObject { ["process_id"] = batch["process_id"] }.ToString())).Ok();
        }

        Assert.Equal(120, seen.Distinct().Count());
        Assert.Empty((await Rest.OAuthAsync(_token, "event.offline.list")).Ok());
    }

    [Fact]
    public async Task Get_WithProcessId_ReturnsItsEntriesToppedUpToTheLimit() // §4.6: "select more unprocessed records from the current process"
    {
        await BindAsync("ONCRMDEALADD");
        for (var i = 0; i < 4; i++)
        {
            await Rest.AddDealAsync($"П{i}");
        }

        var first = (await Rest.OAuthAsync(_token, "event.offline.get", """{"clear":0,"limit":2}""")).Ok();
        var process = first.Value<string>("process_id")!;
        var more = (await Rest.OAuthAsync(_token, "event.offline.get", new JObject { ["clear"] = 0, ["limit"] = 3, ["process_id"] = process }.ToString())).Ok();
        (await Rest.OAuthAsync(_token, "event.offline.clear", new JObject { ["process_id"] = process }.ToString())).Ok();
        var left = (await Rest.OAuthAsync(_token, "event.offline.list")).Ok();

        Assert.Equal(process, more.Value<string>("process_id"));
        Assert.Equal(3, more["events"]!.Count());
        Assert.Equal(first["events"]!.Select(e => e.Value<string>("MESSAGE_ID")), more["events"]!.Take(2).Select(e => e.Value<string>("MESSAGE_ID")));
        Assert.Single(left);
    }

    [Fact]
    public async Task AuthConnector_ChangesMadeWithTheKey_AreNotQueued() // §4.6: loop avoidance with auth_connector (Professional+)
    {
        _token = Sandbox.IssueTokens().AccessToken;
        (await Rest.OAuthAsync(_token, "event.bind", """{"event":"ONCRMDEALUPDATE","event_type":"offline","auth_connector":"sync"}""")).Ok();
        var id = await Rest.AddDealAsync("Связь");

        (await Rest.OAuthAsync(_token, "crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = "Своё" }, ["auth_connector"] = "sync" }.ToString())).Ok();
        var afterOwn = (await Rest.OAuthAsync(_token, "event.offline.list")).Ok();
        await UpdateAsync(id, "Чужое");
        var afterOther = (await Rest.OAuthAsync(_token, "event.offline.list", """{"auth_connector":"sync"}""")).Ok();
        var otherQueue = (await Rest.OAuthAsync(_token, "event.offline.list", """{"auth_connector":"other"}""")).Ok();
        var feature = (await Rest.OAuthAsync(_token, "feature.get", """{"CODE":"rest_auth_connector"}""")).Ok();

        Assert.Empty(afterOwn);
        Assert.Single(afterOther);
        Assert.Empty(otherQueue);
        Assert.Equal("Y", feature.Value<string>("value"));
    }

    [Fact]
    public async Task AuthConnector_BelowProfessional_IsIgnored() // §4.6: auth_connector only on Professional and above
    {
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy() with { Plan = "standard" });
        var rest = new RawRest(sandbox);
        var token = sandbox.IssueTokens().AccessToken;
        (await rest.OAuthAsync(token, "event.bind", """{"event":"ONCRMDEALADD","event_type":"offline","auth_connector":"sync"}""")).Ok();

        (await rest.OAuthAsync(token, "crm.deal.add", """{"fields":{"TITLE":"x"},"auth_connector":"sync"}""")).Ok();
        var listed = (await rest.OAuthAsync(token, "event.offline.list")).Ok();
        var feature = (await rest.OAuthAsync(token, "feature.get", """{"CODE":"rest_auth_connector"}""")).Ok();

        Assert.Single(listed);
        Assert.Equal("N", feature.Value<string>("value"));
    }

    [Fact]
    public async Task OnOfflineEvent_MinTimeoutZero_NotifiesOncePerRequest() // §4.6 ONOFFLINEEVENT; minTimeout 0 = one per hit
    {
        await using var handler = await HookReceiver.StartAsync();
        await BindAsync("ONCRMDEALADD");
        (await Rest.OAuthAsync(_token, "event.bind", new JObject { ["event"] = "ONOFFLINEEVENT", ["handler"] = handler.Url.AbsoluteUri, ["options"] = new JObject { ["minTimeout"] = 0 } }.ToString())).Ok();

        await Rest.AddDealAsync("Раз");
        await Rest.AddDealAsync("Два");
        (await Rest.WebhookAsync("batch", """{"cmd":{"a":"crm.deal.add?fields[TITLE]=A","b":"crm.deal.add?fields[TITLE]=B"}}""")).Ok();
        await Sandbox.WaitForEventsAsync();

        Assert.Equal(3, handler.Received.Count);
        var notice = handler.Received[0];
        Assert.Equal("ONOFFLINEEVENT", notice["event"]);
        Assert.DoesNotContain(notice.Form, f => f.Key.StartsWith("data[", StringComparison.Ordinal));
        Assert.Equal(Sandbox.App.ApplicationToken, notice["auth[application_token]"]);
        Assert.NotNull(notice["auth[refresh_token]"]);
        Assert.Equal("1", (await Rest.OAuthAsync(notice["auth[access_token]"]!, "profile")).Ok().Value<string>("ID"));
    }

    [Fact]
    public async Task OnOfflineEvent_MinTimeout_WaitsThenNotifiesOnceForEverythingQueuedMeanwhile() // §4.6 minTimeout
    {
        var clock = new FakeTimeProvider();
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy(clock));
        var rest = new RawRest(sandbox);
        await using var handler = await HookReceiver.StartAsync();
        var token = sandbox.IssueTokens().AccessToken;
        (await rest.OAuthAsync(token, "event.bind", """{"event":"ONCRMDEALADD","event_type":"offline"}""")).Ok();
        (await rest.OAuthAsync(token, "event.bind", new JObject { ["event"] = "ONOFFLINEEVENT", ["handler"] = handler.Url.AbsoluteUri, ["options"] = new JObject { ["minTimeout"] = 5 } }.ToString())).Ok();

        await rest.AddDealAsync("Первая");
        await rest.AddDealAsync("Вторая");
        await rest.AddDealAsync("Третья");
        await sandbox.WaitForEventsAsync();
        var beforePause = handler.Received.Count;

        // The deferred notice parks on the portal's clock from a background task; moving the clock before it is parked
        // would only make it wait 5 s from the new time. So the clock moves on in 5 s steps until the notice comes (one
        // step, unless the clock moved too early) — however many steps, one notice is owed for the three deals.
        for (var step = 0; step < 20 && handler.Received.Count < 2; step++)
        {
            for (var i = 0; i < 50 && clock.PendingTimers == 0; i++)
            {
                await Task.Delay(10);
            }

            clock.Advance(TimeSpan.FromSeconds(5));
            for (var i = 0; i < 20 && handler.Received.Count < 2; i++)
            {
                await Task.Delay(10);
            }
        }

        await handler.WaitForAsync(_ => handler.Received.Count == 2);
        await sandbox.WaitForEventsAsync();
        await Task.Delay(200);

        Assert.Equal(1, beforePause);
        Assert.Equal(2, handler.Received.Count);
        Assert.All(handler.Received, r => Assert.Equal("ONOFFLINEEVENT", r["event"]));
    }

    [Fact]
    public async Task FeatureGet_OfflineExtended_IsOn() // §1.6, §4.6: confirmation mode
    {
        _token = Sandbox.IssueTokens().AccessToken;

        var feature = (await Rest.OAuthAsync(_token, "feature.get", """{"CODE":"rest_offline_extended"}""")).Ok();

        Assert.Equal("Y", feature.Value<string>("value"));
    }

    private async Task BindAsync(string eventName)
    {
        _token = Sandbox.IssueTokens().AccessToken;
        (await Rest.OAuthAsync(_token, "event.bind", new JObject { ["event"] = eventName, ["event_type"] = "offline" }.ToString())).Ok();
    }

    private async Task UpdateAsync(int id, string title) =>
        (await Rest.WebhookAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = title } })).Ok();
}
