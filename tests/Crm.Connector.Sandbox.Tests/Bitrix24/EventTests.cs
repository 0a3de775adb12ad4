using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Event handlers and deliveries (bitrix24-rest.md §4.1–§4.5).</summary>
public sealed class EventTests : SandboxTest
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task DealAdd_BoundHandler_GetsTheExactFormPayloadWithoutTokens() // §4.3
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"onCrmDealAdd","handler":"{{receiver.Url}}events"}""")).Ok();

        var id = await Rest.AddDealAsync("Событие");
        var hook = await receiver.WaitForAsync(r => r["event"] == "ONCRMDEALADD");

        Assert.Equal(("POST", "/events"), (hook.Method, hook.Path));
        Assert.StartsWith("application/x-www-form-urlencoded", hook.ContentType, StringComparison.Ordinal);
        Assert.Equal(
            ["event", "event_handler_id", "data[FIELDS][ID]", "ts", "auth[domain]", "auth[client_endpoint]", "auth[server_endpoint]", "auth[member_id]", "auth[application_token]", "auth[status]", "auth[scope]"],
            hook.Form.Select(f => f.Key));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), hook["data[FIELDS][ID]"]);
        Assert.Equal(Sandbox.BaseUrl.Authority, hook["auth[domain]"]);
        Assert.Equal(Sandbox.ClientEndpoint.AbsoluteUri, hook["auth[client_endpoint]"]);
        Assert.Equal(Sandbox.App.MemberId, hook["auth[member_id]"]);
        Assert.Equal(Sandbox.App.ApplicationToken, hook["auth[application_token]"]);
        Assert.Equal("P", hook["auth[status]"]);
        Assert.Null(hook["auth[access_token]"]);
        Assert.True(int.Parse(hook["event_handler_id"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        await WaitForStatsAsync(() => Sandbox.Stats.EventsDelivered == 1);
    }

    [Fact]
    public async Task Delivery_HandlerAnswers500_IsNotRetried() // §4.5: no retries
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.StatusCode = 500;
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMLEADADD","handler":"{{receiver.Url}}"}""")).Ok();

        (await Rest.WebhookAsync("crm.lead.add", """{"fields":{"TITLE":"Один раз"}}""")).Ok();
        await receiver.WaitForAsync(r => r["event"] == "ONCRMLEADADD");
        await WaitForStatsAsync(() => Sandbox.Stats.EventsFailed == 1);
        await Task.Delay(Quiet);

        Assert.Single(receiver.Received);
        Assert.Equal(0, Sandbox.Stats.EventsDelivered);
    }

    [Fact]
    public async Task Update_NothingChanged_FiresNothing() // §8: skips saving if nothing changed
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALUPDATE","handler":"{{receiver.Url}}"}""")).Ok();
        var id = await Rest.AddDealAsync("Без изменений", "\"OPPORTUNITY\":100");
        var before = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = id })).Ok().Value<string>("DATE_MODIFY");

        (await Rest.WebhookAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = "Без изменений", ["OPPORTUNITY"] = "100.00" } })).Ok();
        (await Rest.WebhookAsync("crm.item.update", new JObject { ["entityTypeId"] = 2, ["id"] = id, ["fields"] = new JObject { ["title"] = "Без изменений" } })).Ok();
        (await Rest.WebhookAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = "Изменено" } })).Ok();
        await receiver.WaitForAsync(r => r["event"] == "ONCRMDEALUPDATE");
        await Task.Delay(Quiet);

        Assert.Single(receiver.Received);
        Assert.NotNull(before);
    }

    [Fact]
    public async Task ItemUpdate_CategoryId_MovesTheDealAndFiresMoveToCategoryOnly() // §4.3, §8
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALUPDATE","handler":"{{receiver.Url}}update"}""")).Ok();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALMOVETOCATEGORY","handler":"{{receiver.Url}}move"}""")).Ok();
        var pipeline = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Куда"}}""")).Ok()["category"]!.Value<int>("id");
        var id = await Rest.AddDealAsync("Переезд");

        var moved = (await Rest.WebhookAsync("crm.item.update", new JObject { ["entityTypeId"] = 2, ["id"] = id, ["fields"] = new JObject { ["categoryId"] = pipeline, ["title"] = "Переехала" } })).Ok()["item"]!;
        var hook = await receiver.WaitForAsync(r => r.Path == "/move");
        await Task.Delay(Quiet);

        Assert.Equal((pipeline, $"C{pipeline}:NEW"), (moved.Value<int>("categoryId"), moved.Value<string>("stageId")));
        Assert.Equal("ONCRMDEALMOVETOCATEGORY", hook["event"]);
        Assert.Equal(pipeline.ToString(System.Globalization.CultureInfo.InvariantCulture), hook["data[FIELDS][CATEGORY_ID]"]);
        Assert.Equal($"C{pipeline}:NEW", hook["data[FIELDS][STAGE_ID]"]);
        Assert.DoesNotContain(receiver.Received, r => r.Path == "/update");
    }

    [Fact]
    public async Task ItemUpdate_StageWithinThePipeline_FiresUpdate() // §4.3: stage change within a pipeline fires ONCRMDEALUPDATE
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALUPDATE","handler":"{{receiver.Url}}"}""")).Ok();
        var id = await Rest.AddDealAsync("Стадия");

        (await Rest.WebhookAsync("crm.item.update", new JObject { ["entityTypeId"] = 2, ["id"] = id, ["fields"] = new JObject { ["stageId"] = "WON" } })).Ok();
        var hook = await receiver.WaitForAsync(r => r["event"] == "ONCRMDEALUPDATE");
        var deal = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = id })).Ok();

        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), hook["data[FIELDS][ID]"]);
        Assert.Equal(("WON", "S", "Y"), (deal.Value<string>("STAGE_ID"), deal.Value<string>("STAGE_SEMANTIC_ID"), deal.Value<string>("CLOSED")));
    }

    [Theory]
    [InlineData("contact", "ONCRMCONTACTDELETE")]
    [InlineData("company", "ONCRMCOMPANYDELETE")]
    [InlineData("lead", "ONCRMLEADDELETE")]
    public async Task Delete_BoundHandler_GetsTheDeleteEvent(string entity, string eventName) // §4.3
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", new JObject { ["event"] = eventName, ["handler"] = receiver.Url.AbsoluteUri }.ToString())).Ok();
        var id = (await Rest.WebhookAsync($"crm.{entity}.add", """{"fields":{"TITLE":"x","NAME":"y"}}""")).Ok().Value<int>();

        (await Rest.WebhookAsync($"crm.{entity}.delete", new JObject { ["id"] = id })).Ok();
        var hook = await receiver.WaitForAsync(r => r["event"] == eventName);

        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), hook["data[FIELDS][ID]"]);
    }

    [Fact]
    public async Task BatchCommands_FireTheirEventsAfterTheAnswer() // §4.3, §10
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMCONTACTADD","handler":"{{receiver.Url}}"}""")).Ok();

        (await Rest.WebhookAsync("batch", """{"cmd":{"a":"crm.contact.add?fields[NAME]=A","b":"crm.item.add?entityTypeId=3&fields[name]=B"}}""")).Ok();
        await receiver.WaitForAsync(_ => receiver.Received.Count == 2);
        await Task.Delay(Quiet);

        Assert.Equal(["1", "2"], receiver.Received.Select(r => r["data[FIELDS][ID]"]).Order());
    }

    [Fact]
    public async Task SeedDealsAndDeleteDeal_FireNothing()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALADD","handler":"{{receiver.Url}}"}""")).Ok();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALDELETE","handler":"{{receiver.Url}}"}""")).Ok();

        var ids = Sandbox.SeedDeals(3);
        Sandbox.DeleteDeal(ids[0]);
        await Task.Delay(Quiet);

        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Bind_SameHandlerTwice_IsUnableToSetEventHandler() // §4.1
    {
        var app = Sandbox.IssueTokens();
        const string Bind = """{"event":"ONCRMDEALADD","handler":"http://127.0.0.1:9/h"}""";

        (await Rest.OAuthAsync(app.AccessToken, "event.bind", Bind)).Ok();
        var again = await Rest.OAuthAsync(app.AccessToken, "event.bind", Bind);

        again.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.StartsWith("Unable to set event handler", again.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_UnknownEvent_IsErrorEventNotFound() // §4.1
    {
        var app = Sandbox.IssueTokens();

        var reply = await Rest.OAuthAsync(app.AccessToken, "event.bind", """{"event":"ONSOMETHINGELSE","handler":"http://127.0.0.1:9/h"}""");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_EVENT_NOT_FOUND");
    }

    [Fact]
    public async Task GetAndUnbind_ListAndRemoveHandlers() // §4.2
    {
        var app = Sandbox.IssueTokens();
        await Rest.OAuthAsync(app.AccessToken, "event.bind", """{"event":"ONCRMDEALADD","handler":"http://127.0.0.1:9/a"}""");
        await Rest.OAuthAsync(app.AccessToken, "event.bind", """{"event":"ONCRMDEALUPDATE","handler":"http://127.0.0.1:9/a"}""");

        var bound = (await Rest.OAuthAsync(app.AccessToken, "event.get")).Ok();
        var removed = (await Rest.OAuthAsync(app.AccessToken, "event.unbind", """{"event":"ONCRMDEALADD","handler":"http://127.0.0.1:9/a"}""")).Ok();
        var missing = (await Rest.OAuthAsync(app.AccessToken, "event.unbind", """{"event":"ONCRMDEALADD","handler":"http://127.0.0.1:9/a"}""")).Ok();
        var after = (await Rest.OAuthAsync(app.AccessToken, "event.get")).Ok();

        Assert.Equal(["event", "handler", "auth_type", "offline"], ((JObject)bound[0]!).Properties().Select(p => p.Name));
        Assert.Equal(["ONCRMDEALADD", "ONCRMDEALUPDATE"], bound.Select(b => b.Value<string>("event")));
        Assert.Equal(1, removed.Value<int>("count"));
        Assert.Equal(0, missing.Value<int>("count"));
        Assert.Equal(["ONCRMDEALUPDATE"], after.Select(b => b.Value<string>("event")));
    }

    [Fact]
    public async Task Delivery_AfterADomainChange_NamesTheNewAddress() // §2.5, §4.3
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALADD","handler":"{{receiver.Url}}"}""")).Ok();
        Sandbox.ChangeDomain();

        (await Rest.PostJsonAsync(new Uri(Sandbox.AlternateBaseUrl, Sandbox.WebhookUrl.AbsolutePath + "crm.deal.add"), JObject.Parse("""{"fields":{"TITLE":"Новый адрес"}}"""))).Ok();
        var hook = await receiver.WaitForAsync(r => r["event"] == "ONCRMDEALADD");

        Assert.Equal(Sandbox.AlternateBaseUrl.Authority, hook["auth[domain]"]);
    }

    private static async Task WaitForStatsAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the counter never reached the expected value");
    }
}
