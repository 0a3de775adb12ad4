using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>What the function app relies on in event delivery (bitrix24-rest.md §4.3, §4.5): payloads, echoes, volume, failures.</summary>
public sealed class EventDeliveryTests : SandboxTest
{
    [Theory]
    [InlineData("ONCRMDEALADD", "crm.deal.add")]
    [InlineData("ONCRMDEALUPDATE", "crm.deal.update")]
    [InlineData("ONCRMDEALDELETE", "crm.deal.delete")]
    [InlineData("ONCRMLEADADD", "crm.lead.add")]
    [InlineData("ONCRMLEADUPDATE", "crm.lead.update")]
    public async Task DealAndLeadEvents_CarryTheDocumentedFields(string eventName, string method) // §4.3
    {
        await using var handler = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", new JObject { ["event"] = eventName, ["handler"] = handler.Url.AbsoluteUri }.ToString())).Ok();
        var entity = method.Split('.')[1];
        var id = method.EndsWith(".add", StringComparison.Ordinal)
            ? (await Rest.WebhookAsync(method, """{"fields":{"TITLE":"Поля"}}""")).Ok().Value<int>()
            : (await Rest.WebhookAsync($"crm.{entity}.add", """{"fields":{"TITLE":"Поля"}}""")).Ok().Value<int>();
        if (!method.EndsWith(".add", StringComparison.Ordinal))
        {
            (await Rest.WebhookAsync(method, new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = "Изменено" } })).Ok();
        }

        var hook = await handler.WaitForAsync(r => r["event"] == eventName);

        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), hook["data[FIELDS][ID]"]);
        Assert.True(int.Parse(hook["event_handler_id"]!, CultureInfo.InvariantCulture) > 0);
        Assert.True(long.Parse(hook["ts"]!, CultureInfo.InvariantCulture) > 1_600_000_000);
        Assert.Equal((Sandbox.App.ApplicationToken, Sandbox.App.MemberId), (hook["auth[application_token]"], hook["auth[member_id]"]));
        Assert.Equal((Sandbox.BaseUrl.Authority, Sandbox.ClientEndpoint.AbsoluteUri), (hook["auth[domain]"], hook["auth[client_endpoint]"]));
    }

    [Fact]
    public async Task ChangeByTheAppItself_StillFiresTheEvent() // §4.3: no echo suppression for online events; the app filters its own
    {
        await using var handler = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", new JObject { ["event"] = "ONCRMDEALUPDATE", ["handler"] = handler.Url.AbsoluteUri }.ToString())).Ok();
        var id = await Rest.AddDealAsync("Эхо");

        (await Rest.OAuthAsync(app.AccessToken, "crm.item.update", new JObject { ["entityTypeId"] = 2, ["id"] = id, ["fields"] = new JObject { ["title"] = "Эхо своё" }, ["auth_connector"] = "ours" }.ToString())).Ok();
        var hook = await handler.WaitForAsync(r => r["event"] == "ONCRMDEALUPDATE");

        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), hook["data[FIELDS][ID]"]);
        Assert.Equal(Sandbox.App.ApplicationToken, hook["auth[application_token]"]);
    }

    [Fact]
    public async Task Burst_1000DealUpdates_AllReachTheHandlerInAFewSeconds() // §4.5: no throttling of volume, 1,000 updates → 1,000 calls
    {
        await using var handler = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", new JObject { ["event"] = "ONCRMDEALUPDATE", ["handler"] = handler.Url.AbsoluteUri }.ToString())).Ok();
        var ids = Sandbox.SeedDeals(1000);
        var clock = Stopwatch.StartNew();

        foreach (var chunk in ids.Chunk(50))
        {
            var cmd = new JObject(chunk.Select(id => new JProperty($"u{id}", $"crm.deal.update?id={id}&fields[TITLE]=Burst{id}")));
            (await Rest.WebhookAsync("batch", new JObject { ["cmd"] = cmd })).Ok();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Sandbox.WaitForEventsAsync(limit.Token);
        clock.Stop();

        var stats = Sandbox.Stats;
        Assert.Equal((1000, 1000, 0), (stats.EventsQueued, stats.EventsDelivered, stats.EventsFailed));
        Assert.Equal(1000, handler.Received.Count);
        Assert.Equal(1000, handler.Received.Select(r => r["data[FIELDS][ID]"]).Distinct().Count());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task DeadHandler_EventsAreLostAndCountedAsFailed() // §4.5: no retries
    {
        var app = Sandbox.IssueTokens();
        var dead = $"http://127.0.0.1:{FreePort.Next()}/events";
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", new JObject { ["event"] = "ONCRMDEALADD", ["handler"] = dead }.ToString())).Ok();

        for (var i = 0; i < 20; i++)
        {
            await Rest.AddDealAsync($"В пустоту {i}");
        }

        await Sandbox.WaitForEventsAsync();
        var stats = (await Rest.GetAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats"))).Body;

        Assert.Equal((20, 0, 20), (Sandbox.Stats.EventsQueued, Sandbox.Stats.EventsDelivered, Sandbox.Stats.EventsFailed));
        Assert.Equal((20, 0, 20), (stats.Value<int>("eventsQueued"), stats.Value<int>("eventsDelivered"), stats.Value<int>("eventsFailed")));
    }

    [Fact]
    public async Task SlowHandler_DoesNotSlowRestDown() // §4.5: delivered through a queue, after the answer
    {
        await using var handler = await AppReceiver.StartAsync();
        handler.Delay = TimeSpan.FromSeconds(2);
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", new JObject { ["event"] = "ONCRMDEALADD", ["handler"] = handler.Url.AbsoluteUri }.ToString())).Ok();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 5; i++)
        {
            await Rest.AddDealAsync($"Быстро {i}");
        }

        var elapsed = clock.Elapsed;
        await handler.WaitForCountAsync(5);

        Assert.True(elapsed < TimeSpan.FromSeconds(1.5), $"5 deal.add took {elapsed} behind a 2 s handler");
    }

    [Fact]
    public async Task Delivery_RunsWithBoundedConcurrency() // §4.5 queue; Bitrix24SandboxOptions.EventConcurrency
    {
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy() with { EventConcurrency = 3 });
        var rest = new RawRest(sandbox);
        await using var handler = await AppReceiver.StartAsync();
        handler.Delay = TimeSpan.FromMilliseconds(100);
        (await rest.OAuthAsync(sandbox.IssueTokens().AccessToken, "event.bind", new JObject { ["event"] = "ONCRMDEALUPDATE", ["handler"] = handler.Url.AbsoluteUri }.ToString())).Ok();
        var ids = sandbox.SeedDeals(30);

        var cmd = new JObject(ids.Select(id => new JProperty($"u{id}", $"crm.deal.update?id={id}&fields[TITLE]=x{id}")));
        (await rest.WebhookAsync("batch", new JObject { ["cmd"] = cmd })).Ok();
        await sandbox.WaitForEventsAsync();

        Assert.Equal(30, handler.Received.Count);
        Assert.InRange(handler.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task Handler_Answering500_CountsAsFailedOnce() // §4.5
    {
        await using var handler = await AppReceiver.StartAsync();
        handler.StatusCode = 503;
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", new JObject { ["event"] = "ONCRMLEADADD", ["handler"] = handler.Url.AbsoluteUri }.ToString())).Ok();

        (await Rest.WebhookAsync("crm.lead.add", """{"fields":{"TITLE":"Один"}}""")).Ok();
        await Sandbox.WaitForEventsAsync();

        Assert.Single(handler.Received);
        Assert.Equal((1, 0, 1), (Sandbox.Stats.EventsQueued, Sandbox.Stats.EventsDelivered, Sandbox.Stats.EventsFailed));
    }
}
