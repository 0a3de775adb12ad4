using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Deal pipelines (bitrix24-rest.md §6.1).</summary>
public sealed class CategoryTests : SandboxTest
{
    [Fact]
    public async Task Add_NewPipeline_IsFilledWithTheDefaultStages() // §6.1
    {
        var category = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Ремонт","sort":200}}""")).Ok()["category"]!;
        var id = category.Value<int>("id");
        var stages = (await Rest.WebhookAsync("crm.status.list", new JObject { ["filter"] = new JObject { ["ENTITY_ID"] = $"DEAL_STAGE_{id}" } })).Ok();

        Assert.Equal(
            ["id", "name", "sort", "entityTypeId", "isDefault", "originId", "originatorId"],
            ((JObject)category).Properties().Select(p => p.Name));
        Assert.Equal(("Ремонт", 200, 2, "N"), (category.Value<string>("name"), category.Value<int>("sort"), category.Value<int>("entityTypeId"), category.Value<string>("isDefault")));
        Assert.Equal(
            [$"C{id}:NEW", $"C{id}:PREPARATION", $"C{id}:PREPAYMENT_INVOICE", $"C{id}:EXECUTING", $"C{id}:FINAL_INVOICE", $"C{id}:WON", $"C{id}:LOSE", $"C{id}:APOLOGY"],
            stages.Select(s => s.Value<string>("STATUS_ID")));
        Assert.Equal(["Новая", "Подготовка документов", "Счёт на предоплату", "В работе", "Финальный счёт", "Сделка успешна", "Сделка провалена", "Анализ причины провала"], stages.Select(s => s.Value<string>("NAME")));
        Assert.Equal([null, null, null, null, null, "S", "F", "F"], stages.Select(s => s.Value<string>("SEMANTICS")));
        Assert.All(stages, s => Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Value<string>("CATEGORY_ID")));
    }

    [Fact]
    public async Task Add_TenthPipeline_TruncatesPrepaymentInvoiceTo21Characters() // §6.1: C10:PREPAYMENT_INVOIC
    {
        var id = 0;
        for (var i = 0; i < 10; i++)
        {
            id = (await Rest.WebhookAsync("crm.category.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["name"] = $"P{i}" } })).Ok()["category"]!.Value<int>("id");
        }

        var stages = (await Rest.WebhookAsync("crm.status.list", """{"filter":{"ENTITY_ID":"DEAL_STAGE_10"}}""")).Ok();

        Assert.Equal(10, id);
        Assert.Contains("C10:PREPAYMENT_INVOIC", stages.Select(s => s.Value<string>("STATUS_ID")));
    }

    [Fact]
    public async Task Add_SameNameTwice_MakesTwoPipelines() // §6.1: duplicates are not checked
    {
        var a = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Мойка"}}""")).Ok()["category"]!.Value<int>("id");
        var b = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Мойка"}}""")).Ok()["category"]!.Value<int>("id");
        var list = (await Rest.WebhookAsync("crm.category.list", """{"entityTypeId":2}""")).Ok()["categories"]!;

        Assert.NotEqual(a, b);
        Assert.Equal(2, list.Count(c => c.Value<string>("name") == "Мойка"));
        Assert.Equal(0, list[0]!.Value<int>("id"));
        Assert.Equal("Y", list[0]!.Value<string>("isDefault"));
    }

    [Fact]
    public async Task List_OrderByIdDesc_IsHonoured()
    {
        await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"А","sort":900}}""");
        await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Б","sort":100}}""");

        var bySort = (await Rest.WebhookAsync("crm.category.list", """{"entityTypeId":2}""")).Ok()["categories"]!;
        var byId = (await Rest.WebhookAsync("crm.category.list", """{"entityTypeId":2,"order":{"id":"DESC"}}""")).Ok()["categories"]!;

        Assert.Equal([2, 0, 1], bySort.Select(c => c.Value<int>("id")));
        Assert.Equal([2, 1, 0], byId.Select(c => c.Value<int>("id")));
    }

    [Fact]
    public async Task Add_ForLeads_IsEntityTypeNotSupported() // §6.1
    {
        var reply = await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":1,"fields":{"name":"Лиды"}}""");

        reply.Fails(HttpStatusCode.BadRequest, "ENTITY_TYPE_NOT_SUPPORTED");
    }

    [Fact]
    public async Task Add_BlankName_IsRefused()
    {
        var reply = await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"  "}}""");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task UpdateAndGet_RenameAndResort_AreReadBack()
    {
        var id = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Старое"}}""")).Ok()["category"]!.Value<int>("id");

        await Rest.WebhookAsync("crm.category.update", new JObject { ["entityTypeId"] = 2, ["id"] = id, ["fields"] = new JObject { ["name"] = "Новое", ["sort"] = 10 } });
        var got = (await Rest.WebhookAsync("crm.category.get", new JObject { ["entityTypeId"] = 2, ["id"] = id })).Ok()["category"]!;

        Assert.Equal(("Новое", 10), (got.Value<string>("name"), got.Value<int>("sort")));
    }

    [Fact]
    public async Task Delete_DefaultPipeline_IsRefused() // §6.1
    {
        var reply = await Rest.WebhookAsync("crm.category.delete", """{"entityTypeId":2,"id":0}""");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Delete_PipelineWithADeal_IsRefused() // §6.1
    {
        var id = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"С делом"}}""")).Ok()["category"]!.Value<int>("id");
        Sandbox.SeedDeals(1, id);

        var reply = await Rest.WebhookAsync("crm.category.delete", new JObject { ["entityTypeId"] = 2, ["id"] = id });

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Contains("Deals", reply.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_EmptyPipeline_RemovesItAndItsStages() // §6.1
    {
        var id = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Пустая"}}""")).Ok()["category"]!.Value<int>("id");

        (await Rest.WebhookAsync("crm.category.delete", new JObject { ["entityTypeId"] = 2, ["id"] = id })).Ok();
        var get = await Rest.WebhookAsync("crm.category.get", new JObject { ["entityTypeId"] = 2, ["id"] = id });
        var stages = (await Rest.WebhookAsync("crm.status.list", new JObject { ["filter"] = new JObject { ["ENTITY_ID"] = $"DEAL_STAGE_{id}" } })).Ok();

        get.Fails(HttpStatusCode.BadRequest, "NOT_FOUND");
        Assert.Empty(stages);
    }

    [Theory]
    [InlineData("free", 0)]
    [InlineData("basic", 1)]
    [InlineData("standard", 9)]
    public async Task Add_BeyondThePlansPipelineLimit_IsRefused(string plan, int allowedExtra) // §6.1, §13 (limits UNCONFIRMED)
    {
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy() with { Plan = plan });
        var rest = new RawRest(sandbox);
        for (var i = 0; i < allowedExtra; i++)
        {
            (await rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Ещё"}}""")).Ok();
        }

        var refused = await rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Лишняя"}}""");

        refused.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Contains(plan, refused.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_OnProfessional_HasNoPipelineLimit()
    {
        for (var i = 0; i < 25; i++)
        {
            (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Много"}}""")).Ok();
        }

        var list = await Rest.WebhookAsync("crm.category.list", """{"entityTypeId":2}""");

        Assert.Equal(26, list.Body.Value<int>("total"));
    }
}
