using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>
/// crm.activity.list over e-mails (crm.activity.add) and to-dos (crm.activity.todo.add), and the ORIGINATOR_ID /
/// ORIGIN_ID marker of e-mails (b24restdocs crm/timeline/activities/activity-base/crm-activity-list.md, -add.md).
/// </summary>
public sealed class ActivityListTests : SandboxTest
{
    [Fact]
    public async Task ActivityList_ByOriginId_FindsOnlyTheMarkedEmailWithItsFields()
    {
        var deal = await Rest.AddDealAsync("Письма");
        await AddEmailAsync(deal, "Другое", "crm-connector", "mail-1");
        var ours = await AddEmailAsync(deal, "Пора на ТО?", "crm-connector", "mail-2");
        await AddTodoAsync(deal, "Звонок", "2030-01-01T10:00:00+03:00");

        var reply = await Rest.WebhookAsync("crm.activity.list", """{"filter":{"ORIGIN_ID":"mail-2"}}""");
        var row = Assert.Single(reply.Ok());

        Assert.Equal(ours.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Value<string>("ID"));
        Assert.Equal(("2", deal.ToString(System.Globalization.CultureInfo.InvariantCulture), "4", "CRM_EMAIL"), (row.Value<string>("OWNER_TYPE_ID"), row.Value<string>("OWNER_ID"), row.Value<string>("TYPE_ID"), row.Value<string>("PROVIDER_ID")));
        Assert.Equal(("Пора на ТО?", "Текст", "3"), (row.Value<string>("SUBJECT"), row.Value<string>("DESCRIPTION"), row.Value<string>("RESPONSIBLE_ID")));
        Assert.Equal(("crm-connector", "mail-2"), (row.Value<string>("ORIGINATOR_ID"), row.Value<string>("ORIGIN_ID")));
        Assert.False(string.IsNullOrEmpty(row.Value<string>("CREATED")));
        Assert.False(string.IsNullOrEmpty(row.Value<string>("DEADLINE")));
        Assert.Null(row["COMMUNICATIONS"]);
        Assert.Equal(1, reply.Body.Value<int>("total"));
    }

    [Fact]
    public async Task ActivityList_EmailsAndTodosTogether_FilterByProviderOwnerAndId()
    {
        var deal = await Rest.AddDealAsync("Сделка");
        var other = await Rest.AddDealAsync("Другая");
        var email = await AddEmailAsync(deal, "Письмо", null, null);
        var todo = await AddTodoAsync(deal, "Дело", "2030-01-01T10:00:00+03:00");
        var elsewhere = await AddTodoAsync(other, "Не здесь", "2030-01-01T10:00:00+03:00");

        var todos = await ListIdsAsync(new JObject { ["PROVIDER_ID"] = "CRM_TODO" });
        var ofDeal = await ListIdsAsync(new JObject { ["OWNER_TYPE_ID"] = 2, ["OWNER_ID"] = deal });
        var byId = await ListIdsAsync(new JObject { ["ID"] = todo });
        var todoRow = (await Rest.WebhookAsync("crm.activity.list", new JObject { ["filter"] = new JObject { ["ID"] = todo } })).Ok()[0]!;

        Assert.Equal([todo, elsewhere], todos);
        Assert.Equal([email, todo], ofDeal);
        Assert.Equal([todo], byId);
        Assert.Equal(("6", "CRM_TODO", "Дело", "2030-01-01T10:00:00+03:00"), (todoRow.Value<string>("TYPE_ID"), todoRow.Value<string>("PROVIDER_ID"), todoRow.Value<string>("SUBJECT"), todoRow.Value<string>("DEADLINE")));
        Assert.Equal(JTokenType.Null, todoRow["ORIGIN_ID"]!.Type);
    }

    [Fact]
    public async Task ActivityList_NoOrder_IsStartTimeAscending() // documented default: START_TIME ascending
    {
        var deal = await Rest.AddDealAsync("Сроки");
        var later = await AddTodoAsync(deal, "Позже", "2031-01-01T10:00:00+03:00");
        var sooner = await AddTodoAsync(deal, "Раньше", "2030-01-01T10:00:00+03:00");

        var byDefault = (await Rest.WebhookAsync("crm.activity.list")).Ok().Select(r => r.Value<int>("ID"));
        var byId = await ListIdsAsync(new JObject());

        Assert.Equal([sooner, later], byDefault);
        Assert.Equal([later, sooner], byId);
    }

    [Fact]
    public async Task ActivityList_PagesOf50_WithTotalAndNext() // §11
    {
        var deal = await Rest.AddDealAsync("Много дел");
        for (var i = 0; i < 52; i++)
        {
            await AddTodoAsync(deal, $"#{i}", "2030-01-01T10:00:00+03:00");
        }

        var first = await Rest.WebhookAsync("crm.activity.list", """{"order":{"ID":"ASC"}}""");
        var second = await Rest.WebhookAsync("crm.activity.list", """{"order":{"ID":"ASC"},"start":50}""");

        Assert.Equal((50, 52, 50), (first.Ok().Count(), first.Body.Value<int>("total"), first.Body.Value<int>("next")));
        Assert.Equal(["#50", "#51"], second.Ok().Select(r => r.Value<string>("SUBJECT")));
        Assert.Null(second.Body["next"]);
    }

    [Fact]
    public async Task ActivityList_Select_NamedFieldsAndId_CommunicationsOnlyWhenNamed() // docs: COMMUNICATIONS must be selected
    {
        var deal = await Rest.AddDealAsync("Выбор");
        await AddEmailAsync(deal, "Письмо", null, null);

        var narrow = (JObject)(await Rest.WebhookAsync("crm.activity.list", """{"select":["SUBJECT"]}""")).Ok()[0]!;
        var withCommunications = (JObject)(await Rest.WebhookAsync("crm.activity.list", """{"select":["*","COMMUNICATIONS"]}""")).Ok()[0]!;

        Assert.Equal(["ID", "SUBJECT"], narrow.Properties().Select(p => p.Name));
        Assert.Equal("client@example.com", withCommunications["COMMUNICATIONS"]![0]!.Value<string>("VALUE"));
        Assert.Equal("Письмо", withCommunications.Value<string>("SUBJECT"));
    }

    private async Task<int> AddEmailAsync(int deal, string subject, string? originator, string? origin)
    {
        var fields = new JObject
        {
            ["OWNER_TYPE_ID"] = 2, ["OWNER_ID"] = deal, ["TYPE_ID"] = 4, ["SUBJECT"] = subject, ["DESCRIPTION"] = "Текст", ["DIRECTION"] = 2, ["RESPONSIBLE_ID"] = 3,
            ["COMMUNICATIONS"] = new JArray(new JObject { ["VALUE"] = "client@example.com", ["ENTITY_TYPE_ID"] = 3 }),
        };
        if (originator is not null)
        {
            fields["ORIGINATOR_ID"] = originator;
            fields["ORIGIN_ID"] = origin;
        }

        return (await Rest.WebhookAsync("crm.activity.add", new JObject { ["fields"] = fields })).Ok().Value<int>();
    }

    private async Task<int> AddTodoAsync(int deal, string title, string deadline) =>
        (await Rest.WebhookAsync("crm.activity.todo.add", new JObject { ["ownerTypeId"] = 2, ["ownerId"] = deal, ["deadline"] = deadline, ["title"] = title })).Ok().Value<int>("id");

    private async Task<int[]> ListIdsAsync(JObject filter) =>
        [.. (await Rest.WebhookAsync("crm.activity.list", new JObject { ["filter"] = filter, ["order"] = new JObject { ["ID"] = "ASC" } })).Ok().Select(r => r.Value<int>("ID"))];
}
