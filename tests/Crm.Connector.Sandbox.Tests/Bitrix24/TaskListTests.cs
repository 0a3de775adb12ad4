using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Task tags on tasks.task.add and tasks.task.list with filter, order, select and paging (b24restdocs tasks/tasks-task-list.md).</summary>
public sealed class TaskListTests : SandboxTest
{
    [Fact]
    public async Task TaskAdd_TagsAsArrayOrCommaText_AreKept()
    {
        await AddTaskAsync("Массив", 2, tags: new JArray("op-1", "crm-connector"));
        await AddTaskAsync("Строка", 2, tags: " op-2 , crm-connector,,");

        var tasks = Sandbox.State()["tasks"]!;

        Assert.Equal(["op-1", "crm-connector"], tasks[0]!["tags"]!.Values<string>());
        Assert.Equal(["op-2", "crm-connector"], tasks[1]!["tags"]!.Values<string>());
    }

    [Fact]
    public async Task TaskList_ByTag_FindsOnlyTheTaskCarryingIt()
    {
        await AddTaskAsync("Первая", 2, tags: "op-1");
        var ours = await AddTaskAsync("Вторая", 2, tags: new JArray("op-2", "crm-connector"));
        await AddTaskAsync("Без тегов", 2);

        var reply = await Rest.WebhookAsync("tasks.task.list", """{"filter":{"TAG":"op-2"},"select":["ID","TITLE","TAGS"]}""");
        var task = Assert.Single(reply.Ok()["tasks"]!);
        var tags = (JObject)task["tags"]!;

        Assert.Equal((ours, "Вторая"), (task.Value<string>("id"), task.Value<string>("title")));
        Assert.Equal(["op-2", "crm-connector"], tags.Properties().Select(p => p.Value.Value<string>("title")));
        Assert.All(tags.Properties(), p => Assert.Equal(p.Name, p.Value.Value<int>("id").ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, reply.Body.Value<int>("total"));
    }

    [Fact]
    public async Task TaskList_ATagUsedAgain_KeepsItsId()
    {
        await AddTaskAsync("Первая", 2, tags: "crm-connector");
        await AddTaskAsync("Вторая", 2, tags: "crm-connector");

        var tasks = (await Rest.WebhookAsync("tasks.task.list", """{"select":["ID","TAGS"]}""")).Ok()["tasks"]!;

        Assert.Single(tasks.Select(t => ((JObject)t["tags"]!).Properties().Single().Name).Distinct());
    }

    [Fact]
    public async Task TaskList_ByCrmBindingResponsibleAndId_CombineWithAnd()
    {
        var a = await AddTaskAsync("D12 Анна", 2, bindings: ["D_12"]);
        var b = await AddTaskAsync("D12 Борис", 3, bindings: ["D_12", "C_5"]);
        await AddTaskAsync("D13 Анна", 2, bindings: ["D_13"]);

        var byDeal = await ListIdsAsync("""{"filter":{"UF_CRM_TASK":"D_12"}}""");
        var byDealAndUser = await ListIdsAsync("""{"filter":{"UF_CRM_TASK":"D_12","RESPONSIBLE_ID":3}}""");
        var byId = await ListIdsAsync(new JObject { ["filter"] = new JObject { ["ID"] = a } }.ToString());
        var byContact = await ListIdsAsync("""{"filter":{"UF_CRM_TASK":"C_5"}}""");

        Assert.Equal([b, a], byDeal);
        Assert.Equal([b], byDealAndUser);
        Assert.Equal([a], byId);
        Assert.Equal([b], byContact);
    }

    [Fact]
    public async Task TaskList_NoOrder_IsIdDescending_AndOrderAscWorks() // docs: "By default, it sorts in descending order by ID"
    {
        var first = await AddTaskAsync("1", 2);
        var second = await AddTaskAsync("2", 2);

        var byDefault = await ListIdsAsync("{}");
        var ascending = await ListIdsAsync("""{"order":{"id":"asc"}}""");

        Assert.Equal([second, first], byDefault);
        Assert.Equal([first, second], ascending);
    }

    [Fact]
    public async Task TaskList_PagesOf50_WithTotalAndNext() // §11
    {
        for (var i = 1; i <= 52; i++)
        {
            await AddTaskAsync($"#{i}", 2, tags: "burst");
        }

        await AddTaskAsync("другая", 2);
        var first = await Rest.WebhookAsync("tasks.task.list", """{"filter":{"TAG":"burst"},"order":{"ID":"asc"},"select":["ID","TITLE"]}""");
        var second = await Rest.WebhookAsync("tasks.task.list", """{"filter":{"TAG":"burst"},"order":{"ID":"asc"},"select":["ID","TITLE"],"start":50}""");

        Assert.Equal((50, 52, 50), (first.Ok()["tasks"]!.Count(), first.Body.Value<int>("total"), first.Body.Value<int>("next")));
        Assert.Equal(["#51", "#52"], second.Ok()["tasks"]!.Select(t => t.Value<string>("title")));
        Assert.Null(second.Body["next"]);
    }

    [Fact]
    public async Task TaskList_Select_GivesThoseFieldsAndTheId_TagsAndBindingsOnlyWhenAsked() // fields.md: UF_CRM_TASK only when selected
    {
        await AddTaskAsync("Задача", 2, bindings: ["D_1"], tags: "t");

        var narrow = (JObject)(await Rest.WebhookAsync("tasks.task.list", """{"select":["TITLE"]}""")).Ok()["tasks"]![0]!;
        var plain = (JObject)(await Rest.WebhookAsync("tasks.task.list", "{}")).Ok()["tasks"]![0]!;
        var bound = (JObject)(await Rest.WebhookAsync("tasks.task.list", """{"select":["ID","UF_CRM_TASK"]}""")).Ok()["tasks"]![0]!;

        Assert.Equal(["id", "title"], narrow.Properties().Select(p => p.Name));
        Assert.Equal(("Задача", "2", "2"), (plain.Value<string>("title"), plain.Value<string>("responsibleId"), plain.Value<string>("status")));
        Assert.Null(plain["tags"]);
        Assert.Null(plain["ufCrmTask"]);
        Assert.Equal(["D_1"], bound["ufCrmTask"]!.Values<string>());
    }

    [Fact]
    public async Task TaskList_UnknownFilterKey_IsRefusedInsteadOfListingEverything() // assumed (see TaskQuery)
    {
        await AddTaskAsync("Задача", 2, tags: "op-1");

        var reply = await Rest.WebhookAsync("tasks.task.list", """{"filter":{"TAGS":"op-2"}}""");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task TaskList_UndocumentedSortKey_IsTheDocumentedError0() // tasks-task-list.md: "Invalid sorting key"
    {
        var reply = await Rest.WebhookAsync("tasks.task.list", """{"order":{"RESPONSIBLE_ID":"asc"}}""");

        reply.Fails(HttpStatusCode.BadRequest, "0");
    }

    private async Task<string> AddTaskAsync(string title, int responsible, string[]? bindings = null, JToken? tags = null)
    {
        var fields = new JObject { ["TITLE"] = title, ["RESPONSIBLE_ID"] = responsible };
        if (bindings is not null)
        {
            fields["UF_CRM_TASK"] = new JArray(bindings);
        }

        if (tags is not null)
        {
            fields["TAGS"] = tags;
        }

        return (await Rest.WebhookAsync("tasks.task.add", new JObject { ["fields"] = fields })).Ok()["task"]!.Value<string>("id")!;
    }

    private async Task<string[]> ListIdsAsync(string parameters) =>
        [.. (await Rest.WebhookAsync("tasks.task.list", parameters)).Ok()["tasks"]!.Select(t => t.Value<string>("id")!)];
}
