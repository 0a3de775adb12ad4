using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Filters with operator prefixes and order on list methods (bitrix24-rest.md §8, §11).</summary>
public sealed class ListFilterTests : SandboxTest
{
    [Theory]
    [InlineData(""">=OPPORTUNITY""", "300", new[] { 3, 4, 5 })]
    [InlineData(""">OPPORTUNITY""", "300", new[] { 4, 5 })]
    [InlineData("""<=OPPORTUNITY""", "200", new[] { 1, 2 })]
    [InlineData("""<OPPORTUNITY""", "200", new[] { 1 })]
    [InlineData("""=OPPORTUNITY""", "400", new[] { 4 })]
    [InlineData("""OPPORTUNITY""", "400", new[] { 4 })]
    [InlineData("""!OPPORTUNITY""", "400", new[] { 1, 2, 3, 5 })]
    [InlineData("""!=OPPORTUNITY""", "400", new[] { 1, 2, 3, 5 })]
    [InlineData("""%TITLE""", "ОБРА", new[] { 2, 4 })]
    [InlineData("""TITLE""", "сделка 3", new[] { 3 })]
    public async Task DealList_FilterPrefix_SelectsTheRightRows(string key, string value, int[] expected) // §8 filter prefixes
    {
        await SeedFiveAsync();

        var reply = await Rest.WebhookAsync("crm.deal.list", new JObject { ["filter"] = new JObject { [key] = value }, ["order"] = new JObject { ["ID"] = "ASC" } });

        Assert.Equal(expected, reply.Ok().Select(d => d.Value<int>("ID")));
    }

    [Fact]
    public async Task DealList_InFilter_TakesAnArray() // §8: @ (IN)
    {
        await SeedFiveAsync();

        var reply = await Rest.WebhookAsync("crm.deal.list", """{"filter":{"@ID":[2,5,99]}}""");

        Assert.Equal([2, 5], reply.Ok().Select(d => d.Value<int>("ID")));
    }

    [Fact]
    public async Task DealList_OrderByFieldDesc_SortsAndPagesAfterSorting() // §11
    {
        await SeedFiveAsync();

        var reply = await Rest.WebhookAsync("crm.deal.list", """{"order":{"OPPORTUNITY":"DESC"},"select":["ID","OPPORTUNITY"]}""");

        Assert.Equal([5, 4, 3, 2, 1], reply.Ok().Select(d => d.Value<int>("ID")));
        Assert.Equal("500.00", reply.Ok()[0]!.Value<string>("OPPORTUNITY"));
        Assert.Equal(["ID", "OPPORTUNITY"], ((JObject)reply.Ok()[0]!).Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task ItemList_CamelCaseFilterAndOrder_Work() // §8, §11: id for crm.item.list
    {
        await SeedFiveAsync();

        var reply = await Rest.WebhookAsync("crm.item.list", """{"entityTypeId":2,"filter":{">opportunity":150,"<=id":4},"order":{"id":"DESC"},"select":["id","title"]}""");
        var items = (JArray)reply.Ok()["items"]!;

        Assert.Equal([4, 3, 2], items.Select(i => i.Value<int>("id")));
        Assert.Equal(3, reply.Body.Value<int>("total"));
    }

    [Fact]
    public async Task ItemList_UpperCaseIdInOrder_IsRefused() // §11: the id field name is per method (UNCONFIRMED strictness)
    {
        var reply = await Rest.WebhookAsync("crm.item.list", """{"entityTypeId":2,"order":{"ID":"ASC"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("camelCase", reply.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DealList_EmptyComparisonValue_IsIgnored() // §10: what an unresolved batch reference becomes (UNCONFIRMED)
    {
        await SeedFiveAsync();

        var reply = await Rest.WebhookAsync("crm.deal.list", """{"filter":{">ID":""},"start":-1}""");

        Assert.Equal(5, ((JArray)reply.Ok()).Count);
    }

    [Fact]
    public async Task DealList_FilterByStageAndCategory_Works()
    {
        await SeedFiveAsync();
        var pipeline = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Вторая"}}""")).Ok()["category"]!.Value<int>("id");
        Sandbox.SeedDeals(3, pipeline);

        var reply = await Rest.WebhookAsync("crm.deal.list", new JObject { ["filter"] = new JObject { ["CATEGORY_ID"] = pipeline, ["STAGE_ID"] = $"C{pipeline}:NEW" } });

        Assert.Equal(3, reply.Body.Value<int>("total"));
    }

    private async Task SeedFiveAsync()
    {
        string[] titles = ["Сделка 1", "Обработка 2", "Сделка 3", "Переобработка 4", "Сделка 5"];
        for (var i = 0; i < titles.Length; i++)
        {
            await Rest.AddDealAsync(titles[i], $"\"OPPORTUNITY\":{(i + 1) * 100}");
        }
    }
}
