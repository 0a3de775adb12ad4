using System.Net;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>The answer envelope and the three ways parameters arrive (bitrix24-rest.md §2.4, §10, §11, §12.3).</summary>
public sealed class EnvelopeTests : SandboxTest
{
    private readonly FakeTimeProvider _clock = new();

    protected override Bitrix24SandboxOptions Options => Sandboxes.Roomy(_clock);

    [Fact]
    public async Task Answer_HasTheTimeBlock() // §12.3
    {
        var reply = await Rest.WebhookAsync("profile");
        var time = (JObject)reply.Body["time"]!;

        Assert.Equal(
            ["start", "finish", "duration", "processing", "date_start", "date_finish", "operating_reset_at", "operating"],
            time.Properties().Select(p => p.Name));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), time.Value<double>("start"));
        Assert.Equal(JTokenType.Float, time["start"]!.Type);
        Assert.Equal(JTokenType.Integer, time["operating_reset_at"]!.Type);
        Assert.Equal("2026-01-15T12:00:00+03:00", time.Value<string>("date_start"));
    }

    [Fact]
    public async Task List_MoreThanAPage_HasTotalAndNext() // §11
    {
        Sandbox.SeedDeals(120);

        var first = await Rest.WebhookAsync("crm.deal.list", """{"order":{"ID":"ASC"}}""");
        var third = await Rest.WebhookAsync("crm.deal.list", """{"order":{"ID":"ASC"},"start":100}""");

        Assert.Equal(50, ((JArray)first.Ok()).Count);
        Assert.Equal(120, first.Body.Value<int>("total"));
        Assert.Equal(50, first.Body.Value<int>("next"));
        Assert.Equal(20, ((JArray)third.Ok()).Count);
        Assert.Equal("101", third.Ok()[0]!.Value<string>("ID"));
        Assert.Null(third.Body["next"]);
        Assert.Equal(120, third.Body.Value<int>("total"));
    }

    [Fact]
    public async Task List_StartMinusOne_HasNeitherTotalNorNext() // §11: start=-1 disables COUNT
    {
        Sandbox.SeedDeals(120);

        var reply = await Rest.WebhookAsync("crm.deal.list", """{"order":{"ID":"ASC"},"filter":{">ID":10},"start":-1}""");

        Assert.Equal(50, ((JArray)reply.Ok()).Count);
        Assert.Equal("11", reply.Ok()[0]!.Value<string>("ID"));
        Assert.Null(reply.Body["total"]);
        Assert.Null(reply.Body["next"]);
    }

    [Fact]
    public async Task Parameters_FormWithPhpBrackets_BecomeNestedObjectsAndArrays() // §0.3, §10
    {
        await Rest.WebhookAsync("crm.deal.userfield.add", """{"fields":{"FIELD_NAME":"TAGS","USER_TYPE_ID":"string","MULTIPLE":"Y"}}""");

        var added = await Rest.PostFormAsync(new Uri(Sandbox.WebhookUrl, "crm.deal.add"), "fields%5BTITLE%5D=%D0%A4%D0%BE%D1%80%D0%BC%D0%B0+1&fields[UF_CRM_TAGS][0]=a&fields[UF_CRM_TAGS][1]=b");
        var deal = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = added.Ok() })).Ok();

        Assert.Equal("Форма 1", deal.Value<string>("TITLE"));
        Assert.Equal(["a", "b"], deal["UF_CRM_TAGS"]!.Values<string>());
    }

    [Fact]
    public async Task Parameters_QueryString_AreReadForGet() // §2.4
    {
        var id = await Rest.AddDealAsync("Из запроса");

        var reply = await Rest.GetAsync(new Uri(Sandbox.WebhookUrl, $"crm.deal.get.json?id={id}"));

        Assert.Equal("Из запроса", reply.Ok().Value<string>("TITLE"));
    }

    [Fact]
    public async Task Parameters_MalformedJson_Is400()
    {
        var reply = await Rest.SendAsync(HttpMethod.Post, new Uri(Sandbox.WebhookUrl, "profile"), "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.NotNull(reply.Error);
    }

    [Fact]
    public async Task Error_HasCodeAndDescriptionOnly() // §12.4
    {
        var reply = await Rest.WebhookAsync("crm.deal.get", """{"id":424242}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(["error", "error_description"], reply.Body.Properties().Select(p => p.Name));
    }
}
