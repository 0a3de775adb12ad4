using System.Globalization;
using System.Net;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>
/// <c>crm.item.import</c> and <c>crm.item.batchImport</c> (dev.1c-bitrix.ru/rest_help/crm/import/): at most 20 items a
/// call, an answer per item in the order of <c>data</c>, createdTime kept for an administrator only when it is not in the
/// future and not earlier than any existing item's, phones from <c>fm</c>, and the ORIGINATOR_ID / ORIGIN_ID markers an
/// importer finds its earlier rows by.
/// </summary>
public sealed class ItemImportTests : SandboxTest
{
    private const int Lead = 1;
    private readonly FakeTimeProvider _clock = new(); // 2026-01-15 09:00 UTC = 12:00 on the portal (+03:00)

    protected override Bitrix24SandboxOptions Options => Sandboxes.Roomy(_clock);

    [Fact]
    public async Task BatchImport_TwentyItems_CreatesEachAndAnswersItsIdInTheOrderOfData()
    {
        var data = new JArray(Enumerable.Range(1, 20).Select(i => Fields($"Клиент {i}")));

        var items = (await BatchImportAsync(data)).Ok()["items"]!;

        var ids = items.Select(i => i["item"]!.Value<int>("id")).ToList();
        var titles = Leads().ToDictionary(l => l.Value<int>("ID"), l => l.Value<string>("TITLE"));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"Клиент {i}"), ids.Select(id => titles[id]));
    }

    [Fact]
    public async Task BatchImport_TwentyOneItems_RefusesTheCallAndCreatesNothing()
    {
        var data = new JArray(Enumerable.Range(1, 21).Select(i => Fields($"Клиент {i}")));

        var reply = await BatchImportAsync(data);

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Contains("20", reply.Description, StringComparison.Ordinal);
        Assert.Empty(Leads());
    }

    [Fact]
    public async Task BatchImport_OneItemWithAnUnknownStatus_GetsItsOwnErrorAndTheOthersAreCreated()
    {
        var bad = Fields("Плохой");
        bad["stageId"] = "NO_SUCH_STATUS";

        var items = (await BatchImportAsync(new JArray(Fields("Первый"), bad, Fields("Третий")))).Ok()["items"]!;

        Assert.Equal(("ERROR_CORE", true), (items[1]!.Value<string>("error"), items[1]!.Value<string>("error_description")!.Contains("NO_SUCH_STATUS", StringComparison.Ordinal)));
        Assert.Null(items[1]!["item"]);
        Assert.Equal(["Первый", "Третий"], Leads().Select(l => l.Value<string>("TITLE")));
        Assert.Equal(Leads().Select(l => l.Value<int>("ID")), [items[0]!["item"]!.Value<int>("id"), items[2]!["item"]!.Value<int>("id")]);
    }

    [Fact]
    public async Task BatchImport_AdminCreatedTimeInThePast_IsKeptAsTheCreationDate()
    {
        var fields = Fields("Старый клиент");
        fields["createdTime"] = "2026-01-10T12:30:00+03:00";

        var id = (await BatchImportAsync(new JArray(fields))).Ok()["items"]![0]!["item"]!.Value<int>("id");

        var item = (await Rest.WebhookAsync("crm.item.get", new JObject { ["entityTypeId"] = Lead, ["id"] = id })).Ok()["item"]!;
        Assert.Equal("2026-01-10T12:30:00+03:00", item.Value<string>("createdTime"));
    }

    [Fact]
    public async Task BatchImport_CreatedTimeEarlierThanTheNewestLead_RefusesThatItem()
    {
        (await Rest.WebhookAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Создан сейчас" } })).Ok();
        var fields = Fields("Задним числом");
        fields["createdTime"] = "2026-01-10T12:30:00+03:00";

        var answer = (await BatchImportAsync(new JArray(fields))).Ok()["items"]![0]!;

        Assert.Equal("CRM_FIELD_ERROR_VALUE_NOT_VALID", answer.Value<string>("error"));
        Assert.DoesNotContain(Leads(), l => l.Value<string>("TITLE") == "Задним числом");
    }

    [Fact]
    public async Task BatchImport_DatesGoingBackwardsInOneCall_RefusesTheEarlierItem() // the rule holds inside one call too
    {
        var newer = Fields("Новее");
        newer["createdTime"] = "2026-01-12T10:00:00+03:00";
        var older = Fields("Старше");
        older["createdTime"] = "2026-01-11T10:00:00+03:00";

        var items = (await BatchImportAsync(new JArray(newer, older))).Ok()["items"]!;

        Assert.Equal((true, "CRM_FIELD_ERROR_VALUE_NOT_VALID"), (items[0]!["item"] is not null, items[1]!.Value<string>("error")));
    }

    [Fact]
    public async Task BatchImport_CreatedTimeInTheFuture_RefusesThatItem()
    {
        var fields = Fields("Из будущего");
        fields["createdTime"] = "2026-01-15T12:01:00+03:00"; // a minute after the portal's now

        var answer = (await BatchImportAsync(new JArray(fields))).Ok()["items"]![0]!;

        Assert.Equal("CRM_FIELD_ERROR_VALUE_NOT_VALID", answer.Value<string>("error"));
        Assert.Empty(Leads());
    }

    [Theory]
    [InlineData("2026-01-10T12:30:00+03:00")] // would be kept for an administrator
    [InlineData("2030-01-01T00:00:00+03:00")] // would be refused for an administrator
    public async Task Import_NonAdminCreatedTime_IsIgnoredAndTheItemIsCreatedNow(string createdTime)
    {
        var fields = Fields("От менеджера");
        fields["createdTime"] = createdTime;
        var manager = Sandbox.IssueTokens(2); // Анна, not an administrator

        var reply = await Rest.OAuthAsync(manager.AccessToken, "crm.item.import", new JObject { ["entityTypeId"] = Lead, ["fields"] = fields }.ToString());

        var id = reply.Ok()["item"]!.Value<int>("id");
        var lead = Leads().Single(l => l.Value<int>("ID") == id);
        Assert.Equal(PortalIso(_clock.GetUtcNow()), lead.Value<string>("DATE_CREATE"));
    }

    [Fact]
    public async Task Import_Single_AnswersTheItemIdAndStoresTheFmPhoneAndEmail()
    {
        var fields = Fields("Иванов Евгений");
        fields["fm"] = new JArray(
            new JObject { ["typeId"] = "PHONE", ["valueType"] = "WORK", ["value"] = "+79171234578" },
            new JObject { ["typeId"] = "EMAIL", ["value"] = "ivanov@example.ru" });

        var id = (await Rest.WebhookAsync("crm.item.import", new JObject { ["entityTypeId"] = Lead, ["fields"] = fields })).Ok()["item"]!.Value<int>("id");

        var lead = (await Rest.WebhookAsync("crm.lead.get", new JObject { ["id"] = id })).Ok();
        Assert.Equal(("+79171234578", "WORK"), (lead["PHONE"]![0]!.Value<string>("VALUE"), lead["PHONE"]![0]!.Value<string>("VALUE_TYPE")));
        Assert.Equal(("ivanov@example.ru", "WORK"), (lead["EMAIL"]![0]!.Value<string>("VALUE"), lead["EMAIL"]![0]!.Value<string>("VALUE_TYPE")));
    }

    [Fact]
    public async Task BatchImport_FmPhones_FindByCommFindsTheImportedLeads()
    {
        var fields = Fields("С телефоном");
        fields["fm"] = new JArray(new JObject { ["typeId"] = "PHONE", ["value"] = "+79171234578" });
        var id = (await BatchImportAsync(new JArray(fields, Fields("Без телефона")))).Ok()["items"]![0]!["item"]!.Value<int>("id");

        var found = (await Rest.WebhookAsync("crm.duplicate.findbycomm", new JObject { ["entity_type"] = "LEAD", ["type"] = "PHONE", ["values"] = new JArray("89171234578") })).Ok();

        Assert.Equal([id], found["LEAD"]!.Select(t => t.Value<int>()));
    }

    [Fact]
    public async Task ItemList_ByOriginatorAndOriginIdIn_FindsOnlyTheImportedRowsWithThoseKeys() // how a re-run finds its rows
    {
        var data = new JArray(
            Fields("Ключ 1", "crm-connector", "k1"),
            Fields("Ключ 2", "crm-connector", "k2"),
            Fields("Ключ 3", "crm-connector", "k3"),
            Fields("Чужой ключ 1", "other-app", "k1"));
        var ids = (await BatchImportAsync(data)).Ok()["items"]!.Select(i => i["item"]!.Value<int>("id")).ToList();

        var items = (await Rest.WebhookAsync("crm.item.list", new JObject
        {
            ["entityTypeId"] = Lead,
            ["filter"] = new JObject { ["originatorId"] = "crm-connector", ["@originId"] = new JArray("k1", "k3", "k9") },
            ["select"] = new JArray("id", "originId"),
        })).Ok()["items"]!;

        Assert.Equal([(ids[0], "k1"), (ids[2], "k3")], items.Select(i => (i.Value<int>("id"), i.Value<string>("originId"))).OrderBy(p => p.Item1));
    }

    [Fact]
    public async Task BatchImport_UnsupportedEntityType_IsRefusedAsNotFound()
    {
        var reply = await Rest.WebhookAsync("crm.item.batchImport", new JObject { ["entityTypeId"] = 999, ["data"] = new JArray(Fields("Клиент")) });

        reply.Fails(HttpStatusCode.BadRequest, "NOT_FOUND");
    }

    private Task<RestReply> BatchImportAsync(JArray data) =>
        Rest.WebhookAsync("crm.item.batchImport", new JObject { ["entityTypeId"] = Lead, ["data"] = data });

    private List<JToken> Leads() => [.. Sandbox.State()["items"]!["lead"]!.OrderBy(l => l.Value<int>("ID"))];

    private static JObject Fields(string title, string? originator = null, string? origin = null)
    {
        var fields = new JObject { ["title"] = title };
        if (originator is not null)
        {
            fields["originatorId"] = originator;
            fields["originId"] = origin;
        }

        return fields;
    }

    private static string PortalIso(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
