using System.Globalization;
using System.Net;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>amocrm-api.md §3: pipelines and statuses.</summary>
public sealed class PipelineTests : AmoTest
{
    [Fact]
    public async Task FreshAccount_HasTheMainPipelineWithItsDefaultStages()
    {
        var body = (await Api.GetAsync("/api/v4/leads/pipelines")).Expect(HttpStatusCode.OK);

        var pipeline = Assert.Single(body["_embedded"]!["pipelines"]!);
        Assert.Equal(("Воронка", true), (pipeline.Value<string>("name"), pipeline.Value<bool>("is_main")));
        Assert.Equal(
            ["Неразобранное", "Первичный контакт", "Переговоры", "Принимают решение", "Согласование договора", "Успешно реализовано", "Закрыто и не реализовано"],
            pipeline["_embedded"]!["statuses"]!.Select(s => s.Value<string>("name")));
    }

    [Fact]
    public async Task Create_WithEmbeddedStatuses_AddsSystemStatusesRenames142AndEchoesRequestId()
    {
        var reply = await Api.PostAsync("/api/v4/leads/pipelines", """
            [{"name":"Sales","is_main":false,"is_unsorted_on":true,"sort":20,"request_id":"tpl-sales",
              "_embedded":{"statuses":[{"id":142,"name":"Won"},{"id":143,"name":"Lost"},
                {"name":"First contact","sort":10,"color":"#fffeb2"},{"name":"Negotiation","sort":20,"color":"#98cbff"}]}}]
            """);

        var pipeline = reply.Expect(HttpStatusCode.OK)["_embedded"]!["pipelines"]![0]!;
        var statuses = pipeline["_embedded"]!["statuses"]!.ToDictionary(s => s.Value<string>("name")!);
        Assert.Equal("application/hal+json", reply.ContentType);
        Assert.Equal("tpl-sales", pipeline.Value<string>("request_id"));
        Assert.Equal(["Неразобранное", "First contact", "Negotiation", "Won", "Lost"], statuses.Keys);
        Assert.Equal((1, "#c1c1c1"), (statuses["Неразобранное"].Value<int>("type"), statuses["Неразобранное"].Value<string>("color")));
        Assert.Equal((142L, 10000, "#CCFF66"), (statuses["Won"].Value<long>("id"), statuses["Won"].Value<int>("sort"), statuses["Won"].Value<string>("color")));
        Assert.Equal((143L, 11000, "#D5D8DB"), (statuses["Lost"].Value<long>("id"), statuses["Lost"].Value<int>("sort"), statuses["Lost"].Value<string>("color")));
    }

    [Fact]
    public async Task Create_ColourOutsideThe21_Is400WithThePathOfTheColour()
    {
        var reply = await Api.PostAsync("/api/v4/leads/pipelines", """
            [{"name":"Bad","is_main":false,"is_unsorted_on":false,"sort":1,"_embedded":{"statuses":[{"name":"A","sort":10,"color":"#fffeb2"},{"name":"B","sort":20,"color":"#123456"}]}}]
            """);
        var pipelines = (await Api.GetAsync("/api/v4/leads/pipelines")).Expect(HttpStatusCode.OK);

        reply.Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.Contains(("NotSupportedChoice", "_embedded.statuses.1.color"), reply.ValidationErrors());
        Assert.Equal("0", reply.Body["validation-errors"]![0]!.Value<string>("request_id"));
        Assert.Single(pipelines["_embedded"]!["pipelines"]!);
    }

    [Fact]
    public async Task Create_The51stPipeline_IsRefused()
    {
        var items = string.Join(",", Enumerable.Range(1, 49).Select(i => $$"""{"name":"P{{i.ToString(CultureInfo.InvariantCulture)}}","is_main":false,"is_unsorted_on":false,"sort":{{i.ToString(CultureInfo.InvariantCulture)}}}"""));
        (await Api.PostAsync("/api/v4/leads/pipelines", $"[{items}]")).Expect(HttpStatusCode.OK);

        var reply = await Api.PostAsync("/api/v4/leads/pipelines", """[{"name":"P51","is_main":false,"is_unsorted_on":false,"sort":51}]""");
        var count = (await Api.GetAsync("/api/v4/leads/pipelines")).Expect(HttpStatusCode.OK).Value<int>("_total_items");

        reply.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(reply.ValidationErrors(), e => e.Code == "LimitExceeded");
        Assert.Equal(50, count);
    }

    [Fact]
    public async Task Create_WithoutRequiredFields_NamesEachMissingOne()
    {
        var reply = await Api.PostAsync("/api/v4/leads/pipelines", """[{"name":"No flags"}]""");

        reply.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["is_main", "is_unsorted_on", "sort"], reply.ValidationErrors().Select(e => e.Path).Order());
    }

    [Fact]
    public async Task Delete_TheLastPipeline_IsRefused()
    {
        var id = (await Api.GetAsync("/api/v4/leads/pipelines")).Expect(HttpStatusCode.OK)["_embedded"]!["pipelines"]![0]!.Value<long>("id");

        var reply = await Api.DeleteAsync($"/api/v4/leads/pipelines/{id}");

        reply.Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateStatuses_ArrayAddsThemAndEchoesRequestIds()
    {
        var pipelineId = (await Api.GetAsync("/api/v4/leads/pipelines")).Expect(HttpStatusCode.OK)["_embedded"]!["pipelines"]![0]!.Value<long>("id");

        var reply = await Api.PostAsync($"/api/v4/leads/pipelines/{pipelineId}/statuses", """[{"name":"Счёт выставлен","sort":60,"color":"#87f2c0","request_id":"invoice"}]""");
        var created = reply.Expect(HttpStatusCode.OK)["_embedded"]!["statuses"]![0]!;

        Assert.Equal(("invoice", "#87f2c0", 0), (created.Value<string>("request_id"), created.Value<string>("color"), created.Value<int>("type")));
        Assert.Equal(8, (await Api.GetAsync($"/api/v4/leads/pipelines/{pipelineId}/statuses")).Expect(HttpStatusCode.OK).Value<int>("_total_items"));
    }
}
