using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>To-dos, timeline comments, tasks and notifications (bitrix24-rest.md §9).</summary>
public sealed class ActivityTests : SandboxTest
{
    [Fact]
    public async Task TodoAdd_OnADeal_ReturnsIdAndIsKept() // §9 crm.activity.todo.add
    {
        var deal = await Rest.AddDealAsync("Перезвонить");

        var reply = await Rest.WebhookAsync("crm.activity.todo.add", new JObject { ["ownerTypeId"] = 2, ["ownerId"] = deal, ["deadline"] = "2026-12-01T10:00:00+03:00", ["title"] = "Повторный звонок", ["responsibleId"] = 2, ["pingOffsets"] = new JArray(0, 15), ["colorId"] = "3" });
        var todo = Sandbox.State()["activities"]![0]!;

        Assert.True(reply.Ok().Value<int>("id") > 0);
        Assert.Equal(("Повторный звонок", deal, 2, "2026-12-01T10:00:00+03:00"), (todo.Value<string>("title"), todo.Value<int>("ownerId"), todo.Value<int>("responsibleId"), todo.Value<string>("deadline")));
    }

    [Fact]
    public async Task TodoAdd_MissingOwner_IsOwnerNotFound() // §9
    {
        var reply = await Rest.WebhookAsync("crm.activity.todo.add", """{"ownerTypeId":2,"ownerId":987654,"deadline":"2026-12-01T10:00:00+03:00"}""");

        reply.Fails(HttpStatusCode.BadRequest, "OWNER_NOT_FOUND");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("завтра")]
    public async Task TodoAdd_BadDeadline_IsWrongDatetimeFormat(string? deadline) // §9
    {
        var deal = await Rest.AddDealAsync("Срок");
        var parameters = new JObject { ["ownerTypeId"] = 2, ["ownerId"] = deal };
        if (deadline is not null)
        {
            parameters["deadline"] = deadline;
        }

        var reply = await Rest.WebhookAsync("crm.activity.todo.add", parameters);

        reply.Fails(HttpStatusCode.BadRequest, "WRONG_DATETIME_FORMAT");
    }

    [Fact]
    public async Task ActivityAdd_Email_IsKeptWithItsAddress() // §9 crm.activity.add, TYPE_ID 4
    {
        var deal = await Rest.AddDealAsync("Письмо");

        var reply = await Rest.WebhookAsync("crm.activity.add", new JObject
        {
            ["fields"] = new JObject
            {
                ["OWNER_TYPE_ID"] = 2, ["OWNER_ID"] = deal, ["TYPE_ID"] = 4, ["SUBJECT"] = "Пора на ТО?", ["DESCRIPTION"] = "Здравствуйте!", ["DIRECTION"] = 2,
                ["COMMUNICATIONS"] = new JArray(new JObject { ["VALUE"] = "client@example.com", ["ENTITY_TYPE_ID"] = 3 }),
            },
        });
        var email = Sandbox.State()["emails"]![0]!;

        Assert.True(reply.Ok().Value<int>() > 0);
        Assert.Equal(("Пора на ТО?", deal, "client@example.com"), (email.Value<string>("subject"), email.Value<int>("ownerId"), email["communications"]![0]!.Value<string>("VALUE")));
    }

    [Theory]
    [InlineData("{\"OWNER_TYPE_ID\":2,\"OWNER_ID\":987654,\"TYPE_ID\":4,\"COMMUNICATIONS\":[{\"VALUE\":\"a@b.c\"}]}", "OWNER_NOT_FOUND")]
    [InlineData("{\"OWNER_TYPE_ID\":2,\"OWNER_ID\":{deal},\"TYPE_ID\":4}", "ERROR_CORE")]
    [InlineData("{\"OWNER_TYPE_ID\":2,\"OWNER_ID\":{deal},\"TYPE_ID\":1,\"COMMUNICATIONS\":[{\"VALUE\":\"a@b.c\"}]}", "ERROR_CORE")]
    public async Task ActivityAdd_BadFields_AreRefused(string fields, string code) // §9
    {
        var deal = await Rest.AddDealAsync("Письмо");

        var reply = await Rest.WebhookAsync("crm.activity.add", new JObject { ["fields"] = JObject.Parse(fields.Replace("{deal}", deal.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)) });

        reply.Fails(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task ItemAdd_Invoice_IsKeptBoundToItsDeal() // §8 crm.item.add, entityTypeId 31
    {
        var deal = await Rest.AddDealAsync("Счёт");

        var reply = await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = 31, ["fields"] = new JObject { ["title"] = "Предоплата", ["opportunity"] = "4500.00", ["parentId2"] = deal } });
        var invoice = Sandbox.State()["invoices"]![0]!;

        Assert.True(reply.Ok()["item"]!.Value<int>("id") > 0);
        Assert.Equal(("Предоплата", "4500.00", deal, "RUB"), (invoice.Value<string>("title"), invoice.Value<string>("opportunity"), invoice.Value<int>("parentId2"), invoice.Value<string>("currencyId")));
    }

    [Theory]
    [InlineData("{\"title\":\"x\",\"opportunity\":\"100\"}")]
    [InlineData("{\"title\":\"x\",\"opportunity\":\"0\",\"parentId2\":{deal}}")]
    [InlineData("{\"title\":\"x\",\"opportunity\":\"100\",\"parentId2\":987654}")]
    public async Task ItemAdd_InvoiceWithoutADealOrAmount_IsRefused(string fields) // §8
    {
        var deal = await Rest.AddDealAsync("Счёт");

        var reply = await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = 31, ["fields"] = JObject.Parse(fields.Replace("{deal}", deal.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)) });

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Empty(Sandbox.State()["invoices"]!);
    }

    [Fact]
    public async Task CommentAdd_LowercaseFields_IsKept() // §9 crm.timeline.comment.add
    {
        var deal = await Rest.AddDealAsync("Комментарий");

        var id = (await Rest.WebhookAsync("crm.timeline.comment.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = deal, ["ENTITY_TYPE"] = "deal", ["COMMENT"] = "Клиент просит перезвонить" } })).Ok();
        var comment = Sandbox.State()["comments"]![0]!;

        Assert.True(id.Value<int>() > 0);
        Assert.Equal(("Клиент просит перезвонить", "deal"), (comment.Value<string>("comment"), comment.Value<string>("entityType")));
    }

    [Fact]
    public async Task CommentAdd_UppercaseFieldsKey_IsRefused() // §9: only lowercase `fields` since crm 23.100.0
    {
        var deal = await Rest.AddDealAsync("Комментарий");

        var reply = await Rest.WebhookAsync("crm.timeline.comment.add", new JObject { ["FIELDS"] = new JObject { ["ENTITY_ID"] = deal, ["ENTITY_TYPE"] = "deal", ["COMMENT"] = "x" } });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Theory]
    [InlineData("""{"ENTITY_TYPE":"deal","COMMENT":"x"}""")]
    [InlineData("""{"ENTITY_ID":1,"ENTITY_TYPE":"quote","COMMENT":"x"}""")]
    [InlineData("""{"ENTITY_ID":1,"ENTITY_TYPE":"deal","COMMENT":""}""")]
    public async Task CommentAdd_MissingRequiredField_IsRefused(string fields) // §9: ENTITY_ID*, ENTITY_TYPE*, COMMENT*
    {
        await Rest.AddDealAsync("Комментарий");

        var reply = await Rest.WebhookAsync("crm.timeline.comment.add", new JObject { ["fields"] = JObject.Parse(fields) });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Fact]
    public async Task CommentList_OneItemsComments_OldestFirst_InPagesOf50() // §9, §11; crm.timeline.comment.list (UNCONFIRMED in the reference)
    {
        var deal = await Rest.AddDealAsync("История");
        var other = await Rest.AddDealAsync("Другая");
        for (var i = 0; i < 52; i++)
        {
            await Rest.WebhookAsync("crm.timeline.comment.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = deal, ["ENTITY_TYPE"] = "deal", ["COMMENT"] = $"#{i}" } });
        }

        await Rest.WebhookAsync("crm.timeline.comment.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = other, ["ENTITY_TYPE"] = "deal", ["COMMENT"] = "не эта" } });

        var first = await Rest.WebhookAsync("crm.timeline.comment.list", new JObject { ["filter"] = new JObject { ["ENTITY_ID"] = deal, ["ENTITY_TYPE"] = "deal" } });
        var second = await Rest.WebhookAsync("crm.timeline.comment.list", new JObject { ["filter"] = new JObject { ["ENTITY_ID"] = deal, ["ENTITY_TYPE"] = "deal" }, ["start"] = 50 });
        var unfiltered = await Rest.WebhookAsync("crm.timeline.comment.list", new JObject());

        Assert.Equal(50, first.Ok().Count());
        Assert.Equal(("#0", 52, 50), (first.Ok()[0]!.Value<string>("COMMENT"), first.Body.Value<int>("total"), first.Body.Value<int>("next")));
        Assert.Equal(["#50", "#51"], second.Ok().Select(c => c.Value<string>("COMMENT")));
        Assert.Equal(HttpStatusCode.BadRequest, unfiltered.Status);
    }

    [Fact]
    public async Task TaskAdd_ReturnsTheTaskInCamelCase() // §9 tasks.task.add
    {
        var reply = await Rest.WebhookAsync("tasks.task.add", """{"fields":{"TITLE":"Контроль обучения","RESPONSIBLE_ID":2,"DEADLINE":"2026-12-15T18:00:00+00:00","UF_CRM_TASK":["D_12"],"DESCRIPTION":"d"}}""");
        var task = reply.Ok()["task"]!;

        Assert.True(task.Value<int>("id") > 0);
        Assert.Equal(("Контроль обучения", "2", "2026-12-15T21:00:00+03:00"), (task.Value<string>("title"), task.Value<string>("responsibleId"), task.Value<string>("deadline")));
        Assert.Equal(["D_12"], task["ufCrmTask"]!.Values<string>());
        Assert.Equal("Контроль обучения", Sandbox.State()["tasks"]![0]!.Value<string>("title"));
    }

    [Theory]
    [InlineData("""{"fields":{"RESPONSIBLE_ID":2}}""")]
    [InlineData("""{"fields":{"TITLE":"Без ответственного"}}""")]
    public async Task TaskAdd_MissingRequiredField_IsRefused(string parameters) // §9: TITLE*, RESPONSIBLE_ID*
    {
        var reply = await Rest.WebhookAsync("tasks.task.add", parameters);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Theory]
    [InlineData("im.notify.system.add")]
    [InlineData("im.notify.personal.add")]
    public async Task NotifyAdd_Validates(string method) // §9: USER_ID_EMPTY, MESSAGE_EMPTY
    {
        var noUser = await Rest.WebhookAsync(method, """{"MESSAGE":"x"}""");
        var noMessage = await Rest.WebhookAsync(method, """{"USER_ID":2}""");
        var ok = await Rest.WebhookAsync(method, """{"USER_ID":2,"MESSAGE":"Новая сделка"}""");

        noUser.Fails(HttpStatusCode.BadRequest, "USER_ID_EMPTY");
        noMessage.Fails(HttpStatusCode.BadRequest, "MESSAGE_EMPTY");
        Assert.True(ok.Ok().Value<int>() > 0);
    }

    [Fact]
    public async Task NotifyAdd_SameTag_ReplacesTheEarlierOne() // §9: same TAG replaces
    {
        (await Rest.WebhookAsync("im.notify.system.add", """{"USER_ID":2,"MESSAGE":"Первое","TAG":"deal-1"}""")).Ok();
        (await Rest.WebhookAsync("im.notify.system.add", """{"USER_ID":2,"MESSAGE":"Другое","TAG":"deal-2"}""")).Ok();
        (await Rest.WebhookAsync("im.notify.system.add", """{"USER_ID":2,"MESSAGE":"Второе","TAG":"deal-1"}""")).Ok();

        var notifications = Sandbox.State()["notifications"]!;

        Assert.Equal(["Другое", "Второе"], notifications.Select(n => n.Value<string>("message")));
    }
}
