using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Items through crm.item.* and the legacy methods, and the value formats of user fields (bitrix24-rest.md §8).</summary>
public sealed class ItemValueTests : SandboxTest
{
    [Theory]
    [InlineData("Y", true)]
    [InlineData("N", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task Boolean_AnyWrittenForm_IsYNInItemsAnd10InLegacy(string written, bool expected) // §8 (legacy 1/0 UNCONFIRMED)
    {
        await FieldAsync("PAID_FLAG", "boolean");

        var item = (await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["title"] = "Флаг", ["ufCrmPaidFlag"] = written } })).Ok()["item"]!;
        var legacy = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = item["id"] })).Ok();

        Assert.Equal(expected ? "Y" : "N", item.Value<string>("ufCrmPaidFlag"));
        Assert.Equal(expected ? "1" : "0", legacy.Value<string>("UF_CRM_PAID_FLAG"));
    }

    [Fact]
    public async Task Boolean_FilterWithYN_MatchesNothingButWith10Works() // §8: filter must use 1/0; §16.4 silent pitfall
    {
        await FieldAsync("PAID_FLAG", "boolean");
        await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"Да","ufCrmPaidFlag":"Y"}}""");
        await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"Нет","ufCrmPaidFlag":"N"}}""");

        var withY = await Rest.WebhookAsync("crm.item.list", """{"entityTypeId":2,"filter":{"ufCrmPaidFlag":"Y"}}""");
        var withOne = await Rest.WebhookAsync("crm.item.list", """{"entityTypeId":2,"filter":{"ufCrmPaidFlag":1}}""");
        var legacyZero = await Rest.WebhookAsync("crm.deal.list", """{"filter":{"UF_CRM_PAID_FLAG":"0"},"select":["ID","TITLE"]}""");

        Assert.Empty(withY.Ok()["items"]!);
        Assert.Equal(["Да"], withOne.Ok()["items"]!.Select(i => i.Value<string>("title")));
        Assert.Equal(["Нет"], legacyZero.Ok().Select(i => i.Value<string>("TITLE")));
    }

    [Fact]
    public async Task Enumeration_ValueIsTheItemId_AndAnUnknownIdIsRefused() // §8: enumeration = item ID
    {
        var fieldId = (await Rest.WebhookAsync("crm.deal.userfield.add", """{"fields":{"FIELD_NAME":"KIND","USER_TYPE_ID":"enumeration","LIST":[{"VALUE":"Грузовик"},{"VALUE":"Автобус"}]}}""")).Ok();
        var items = (await Rest.WebhookAsync("crm.deal.userfield.get", new JObject { ["id"] = fieldId })).Ok()["LIST"]!;
        var bus = items[1]!.Value<int>("ID");

        var added = (await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["title"] = "Автобус", ["ufCrmKind"] = bus } })).Ok()["item"]!;
        var legacy = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = added["id"] })).Ok();
        var unknown = await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"?","ufCrmKind":999999}}""");
        var label = await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"?","ufCrmKind":"Автобус"}}""");

        Assert.Equal(bus, added.Value<int>("ufCrmKind"));
        Assert.Equal(JTokenType.Integer, added["ufCrmKind"]!.Type);
        Assert.Equal(bus.ToString(System.Globalization.CultureInfo.InvariantCulture), legacy.Value<string>("UF_CRM_KIND"));
        unknown.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Contains("choice", unknown.Description, StringComparison.Ordinal);
        label.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task MultipleEnumeration_IsAnArrayOfIds() // §8: multiple → array of IDs
    {
        var fieldId = (await Rest.WebhookAsync("crm.deal.userfield.add", """{"fields":{"FIELD_NAME":"KINDS","USER_TYPE_ID":"enumeration","MULTIPLE":"Y","LIST":[{"VALUE":"A"},{"VALUE":"B"},{"VALUE":"C"}]}}""")).Ok();
        var ids = (await Rest.WebhookAsync("crm.deal.userfield.get", new JObject { ["id"] = fieldId })).Ok()["LIST"]!.Select(i => i.Value<int>("ID")).ToList();

        var item = (await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["title"] = "Много", ["ufCrmKinds"] = new JArray(ids[0], ids[2]) } })).Ok()["item"]!;
        var filtered = await Rest.WebhookAsync("crm.item.list", new JObject { ["entityTypeId"] = 2, ["filter"] = new JObject { ["ufCrmKinds"] = ids[2] } });

        Assert.Equal([ids[0], ids[2]], item["ufCrmKinds"]!.Values<int>());
        Assert.Single(filtered.Ok()["items"]!);
    }

    [Fact]
    public async Task Money_IsAmountPipeCurrency() // §8: money "100|RUB"
    {
        await FieldAsync("PAID", "money");

        var item = (await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"useOriginalUfNames":"Y","fields":{"title":"Оплата","UF_CRM_PAID":"5000|RUB"}}""")).Ok()["item"]!;
        var bad = await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"?","ufCrmPaid":"пять тысяч"}}""");

        Assert.Equal("5000|RUB", item.Value<string>("UF_CRM_PAID"));
        Assert.Null(item["ufCrmPaid"]);
        bad.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task MultipleString_SingleValueIsWrappedInAnArray() // §8: multiple fields are arrays
    {
        await FieldAsync("PHONES", "string", multiple: true);

        var single = (await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"Один","ufCrmPhones":"+7 900"}}""")).Ok()["item"]!;
        var many = (await Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"Два","UF_CRM_PHONES":["+7 901","+7 902"]}}""")).Ok();
        var legacy = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = many })).Ok();

        Assert.Equal(["+7 900"], single["ufCrmPhones"]!.Values<string>());
        Assert.Equal(["+7 901", "+7 902"], legacy["UF_CRM_PHONES"]!.Values<string>());
    }

    [Fact]
    public async Task DateAndDateTime_AreNormalized() // §8: date YYYY-MM-DD, datetime ISO-8601 with offset
    {
        await FieldAsync("VISIT_DATE", "date");
        await FieldAsync("CALL_AT", "datetime");

        var item = (await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"Даты","ufCrmVisitDate":"2026-03-08","ufCrmCallAt":"2026-03-08T07:30:00Z"}}""")).Ok()["item"]!;
        var bad = await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"?","ufCrmVisitDate":"когда-нибудь"}}""");

        Assert.Equal("2026-03-08", item.Value<string>("ufCrmVisitDate"));
        Assert.Equal("2026-03-08T10:30:00+03:00", item.Value<string>("ufCrmCallAt"));
        bad.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task UfNames_NumericCodeKeepsTheUnderscore() // §8: UF_CRM_1720019876534 → ufCrm_1720019876534
    {
        await FieldAsync("1720019876534", "string");
        await FieldAsync("MANAGER_NOTE", "string");

        var item = (await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"Имена","ufCrm_1720019876534":"a","ufCrmManagerNote":"b"}}""")).Ok()["item"]!;
        var original = (await Rest.WebhookAsync("crm.item.get", new JObject { ["entityTypeId"] = 2, ["id"] = item["id"], ["useOriginalUfNames"] = "Y" })).Ok()["item"]!;

        Assert.Equal(("a", "b"), (item.Value<string>("ufCrm_1720019876534"), item.Value<string>("ufCrmManagerNote")));
        Assert.Equal(("a", "b"), (original.Value<string>("UF_CRM_1720019876534"), original.Value<string>("UF_CRM_MANAGER_NOTE")));
    }

    [Fact]
    public async Task ItemAdd_Defaults_AreSet() // §8: DATE_CREATE, CREATED_BY_ID, ASSIGNED_BY_ID, first stage
    {
        var item = (await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"Умолчания"}}""")).Ok()["item"]!;
        var legacy = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = item["id"] })).Ok();

        Assert.Equal(("NEW", 0, 1, 1), (item.Value<string>("stageId"), item.Value<int>("categoryId"), item.Value<int>("assignedById"), item.Value<int>("createdBy")));
        Assert.NotNull(item.Value<string>("createdTime"));
        Assert.Equal(("1", "0", "RUB"), (legacy.Value<string>("CREATED_BY_ID"), legacy.Value<string>("CATEGORY_ID"), legacy.Value<string>("CURRENCY_ID")));
        Assert.Equal("0.00", legacy.Value<string>("OPPORTUNITY"));
    }

    [Fact]
    public async Task DealAdd_StageOfAnotherPipeline_IsRefused() // §8: STAGE_ID must belong to CATEGORY_ID
    {
        var pipeline = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Другая"}}""")).Ok()["category"]!.Value<int>("id");

        var wrong = await Rest.WebhookAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "x", ["CATEGORY_ID"] = pipeline, ["STAGE_ID"] = "WON" } });
        var right = await Rest.WebhookAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "y", ["CATEGORY_ID"] = pipeline } });
        var deal = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = right.Ok() })).Ok();

        wrong.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Equal($"C{pipeline}:NEW", deal.Value<string>("STAGE_ID"));
    }

    [Fact]
    public async Task LeadAdd_StatusDefaultsToNewAndMustExist() // §8: lead STATUS_ID must exist (default NEW)
    {
        var lead = (await Rest.WebhookAsync("crm.lead.add", """{"fields":{"TITLE":"Лид","NAME":"Иван"}}""")).Ok();
        var wrong = await Rest.WebhookAsync("crm.lead.add", """{"fields":{"TITLE":"Лид","STATUS_ID":"NOPE"}}""");
        var item = (await Rest.WebhookAsync("crm.item.get", new JObject { ["entityTypeId"] = 1, ["id"] = lead })).Ok()["item"]!;

        Assert.Equal(("NEW", "Иван"), (item.Value<string>("stageId"), item.Value<string>("name")));
        wrong.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task ItemAdd_MandatoryUserFieldMissing_IsRefused() // §7 MANDATORY, checked by crm.item.add
    {
        await Rest.WebhookAsync("crm.deal.userfield.add", """{"fields":{"FIELD_NAME":"MUST","USER_TYPE_ID":"string","MANDATORY":"Y"}}""");

        var reply = await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":2,"fields":{"title":"Без поля"}}""");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task ItemGetUpdateDelete_RoundTrip()
    {
        var id = (await Rest.WebhookAsync("crm.item.add", """{"entityTypeId":3,"fields":{"name":"Пётр","lastName":"Петров"}}""")).Ok()["item"]!.Value<int>("id");

        var updated = (await Rest.WebhookAsync("crm.item.update", new JObject { ["entityTypeId"] = 3, ["id"] = id, ["fields"] = new JObject { ["comments"] = "VIP" } })).Ok()["item"]!;
        var deleted = await Rest.WebhookAsync("crm.item.delete", new JObject { ["entityTypeId"] = 3, ["id"] = id });
        var gone = await Rest.WebhookAsync("crm.item.get", new JObject { ["entityTypeId"] = 3, ["id"] = id });
        var fields = (await Rest.WebhookAsync("crm.item.fields", """{"entityTypeId":3}""")).Ok()["fields"]!;

        Assert.Equal(("Пётр", "VIP"), (updated.Value<string>("name"), updated.Value<string>("comments")));
        Assert.Equal(JTokenType.Array, deleted.Ok().Type);
        gone.Fails(HttpStatusCode.BadRequest, "NOT_FOUND");
        Assert.Equal("NAME", fields["name"]!.Value<string>("upperName"));
    }

    [Fact]
    public async Task LegacyFields_DescribeStandardAndUserFields()
    {
        await FieldAsync("NOTE", "string");

        var fields = (await Rest.WebhookAsync("crm.deal.fields")).Ok();

        Assert.Equal("crm_status", fields["STAGE_ID"]!.Value<string>("type"));
        Assert.Equal("DEAL_STAGE", fields["STAGE_ID"]!.Value<string>("statusType"));
        Assert.True(fields["UF_CRM_NOTE"]!.Value<bool>("isDynamic"));
    }

    [Fact]
    public async Task LegacyList_WithoutSelect_LeavesUserFieldsOut() // §8: UF need select UF_* or their names
    {
        await FieldAsync("NOTE", "string");
        await Rest.AddDealAsync("Без выбора", "\"UF_CRM_NOTE\":\"x\"");

        var plain = (await Rest.WebhookAsync("crm.deal.list")).Ok()[0]!;
        var withUf = (await Rest.WebhookAsync("crm.deal.list", """{"select":["*","UF_*"]}""")).Ok()[0]!;

        Assert.Null(plain["UF_CRM_NOTE"]);
        Assert.Equal("x", withUf.Value<string>("UF_CRM_NOTE"));
    }

    [Fact]
    public async Task LegacyUpdate_CategoryId_IsIgnored() // §8: crm.deal.update cannot move between pipelines
    {
        var pipeline = (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Другая"}}""")).Ok()["category"]!.Value<int>("id");
        var id = await Rest.AddDealAsync("Остаюсь");

        (await Rest.WebhookAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["CATEGORY_ID"] = pipeline } })).Ok();
        var deal = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = id })).Ok();

        Assert.Equal(("0", "NEW"), (deal.Value<string>("CATEGORY_ID"), deal.Value<string>("STAGE_ID")));
    }

    private async Task FieldAsync(string name, string type, bool multiple = false) =>
        (await Rest.WebhookAsync("crm.deal.userfield.add", new JObject { ["fields"] = new JObject { ["FIELD_NAME"] = name, ["USER_TYPE_ID"] = type, ["MULTIPLE"] = multiple ? "Y" : "N" } })).Ok();
}
