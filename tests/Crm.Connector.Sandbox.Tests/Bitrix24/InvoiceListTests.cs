using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Smart invoices (entityTypeId 31): markers kept by crm.item.add, crm.item.get, and crm.item.list filtered by them.</summary>
public sealed class InvoiceListTests : SandboxTest
{
    [Fact]
    public async Task ItemList_Invoices_ByOriginIdAndParentDeal_FindOnlyThatInvoice()
    {
        var deal = await Rest.AddDealAsync("Счета");
        var other = await Rest.AddDealAsync("Другая");
        await AddInvoiceAsync(deal, "Аванс", "inv-1");
        var ours = await AddInvoiceAsync(deal, "Остаток", "inv-2");
        var elsewhere = await AddInvoiceAsync(other, "Чужой", "inv-2");

        var byOrigin = await ListAsync(new JObject { ["originId"] = "inv-2" });
        var byOriginAndDeal = await ListAsync(new JObject { ["originId"] = "inv-2", ["parentId2"] = deal });
        var ofDeal = await ListAsync(new JObject { ["parentId2"] = deal });
        var none = await ListAsync(new JObject { ["originId"] = "inv-3", ["parentId2"] = deal });

        Assert.Equal([ours, elsewhere], byOrigin.Select(i => i.Value<int>("id")));
        var found = Assert.Single(byOriginAndDeal);
        Assert.Equal((ours, "Остаток", "crm-connector", "inv-2", deal, 31), (found.Value<int>("id"), found.Value<string>("title"), found.Value<string>("originatorId"), found.Value<string>("originId"), found.Value<int>("parentId2"), found.Value<int>("entityTypeId")));
        Assert.Equal(2, ofDeal.Count);
        Assert.Empty(none);
    }

    [Fact]
    public async Task ItemGetAndList_Invoice_AnswerTheMarkersAndXmlId() // xmlId: the documented invoice "External code"
    {
        var deal = await Rest.AddDealAsync("Счёт");
        var added = (await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = 31, ["fields"] = new JObject { ["title"] = "С кодом", ["opportunity"] = 100, ["parentId2"] = deal, ["xmlId"] = "ext-7", ["originatorId"] = "crm-connector", ["originId"] = "inv-7" } })).Ok()["item"]!;
        var id = added.Value<int>("id");

        var got = (await Rest.WebhookAsync("crm.item.get", new JObject { ["entityTypeId"] = 31, ["id"] = id })).Ok()["item"]!;
        var byXml = await ListAsync(new JObject { ["xmlId"] = "ext-7" });
        var missing = await Rest.WebhookAsync("crm.item.get", new JObject { ["entityTypeId"] = 31, ["id"] = id + 100 });

        Assert.Equal(("ext-7", "crm-connector", "inv-7"), (added.Value<string>("xmlId"), added.Value<string>("originatorId"), added.Value<string>("originId")));
        Assert.Equal(("ext-7", "inv-7"), (got.Value<string>("xmlId"), got.Value<string>("originId")));
        Assert.Equal([id], byXml.Select(i => i.Value<int>("id")));
        missing.Fails(HttpStatusCode.BadRequest, "NOT_FOUND");
    }

    [Fact]
    public async Task ItemList_Invoices_SelectAndPagesOf50() // §11
    {
        var deal = await Rest.AddDealAsync("Много счетов");
        for (var i = 0; i < 52; i++)
        {
            await AddInvoiceAsync(deal, $"#{i}", $"inv-{i}");
        }

        var first = await Rest.WebhookAsync("crm.item.list", """{"entityTypeId":31,"select":["originId"],"order":{"id":"ASC"}}""");
        var second = await Rest.WebhookAsync("crm.item.list", """{"entityTypeId":31,"select":["originId"],"order":{"id":"ASC"},"start":50}""");

        Assert.Equal((50, 52, 50), (first.Ok()["items"]!.Count(), first.Body.Value<int>("total"), first.Body.Value<int>("next")));
        Assert.Equal(["id", "originId"], ((JObject)first.Ok()["items"]![0]!).Properties().Select(p => p.Name));
        Assert.Equal(["inv-50", "inv-51"], second.Ok()["items"]!.Select(i => i.Value<string>("originId")));
    }

    [Fact]
    public async Task ItemList_Invoices_UnknownFilterName_IsRefused() // like crm.item.list for the other types (ItemNames)
    {
        var reply = await Rest.WebhookAsync("crm.item.list", """{"entityTypeId":31,"filter":{"ORIGIN_ID":"inv-1"}}""");

        reply.Fails(HttpStatusCode.BadRequest, "INVALID_ARG_VALUE");
    }

    private async Task<int> AddInvoiceAsync(int deal, string title, string origin) =>
        (await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = 31, ["fields"] = new JObject { ["title"] = title, ["opportunity"] = "1000", ["parentId2"] = deal, ["originatorId"] = "crm-connector", ["originId"] = origin } })).Ok()["item"]!.Value<int>("id");

    private async Task<List<JToken>> ListAsync(JObject filter) =>
        [.. (await Rest.WebhookAsync("crm.item.list", new JObject { ["entityTypeId"] = 31, ["filter"] = filter })).Ok()["items"]!];
}
