using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>
/// ORIGINATOR_ID / ORIGIN_ID on leads, deals, contacts and companies (b24restdocs crm/main-entities-fields.md,
/// crm/universal/object-fields.md): stored on add, answered by get and list, and found by a list filter — the lookup an
/// app makes after a crash to learn whether its earlier add went through.
/// </summary>
public sealed class OriginMarkerTests : SandboxTest
{
    [Theory]
    [InlineData("lead", "TITLE")]
    [InlineData("deal", "TITLE")]
    [InlineData("contact", "NAME")]
    [InlineData("company", "TITLE")]
    public async Task LegacyAdd_WithMarkers_GetAnswersThemAndListFindsOnlyThatItem(string entity, string nameField)
    {
        await AddLegacyAsync(entity, nameField, "Чужой", "other-app", "x-1");
        var id = await AddLegacyAsync(entity, nameField, "Наш", "crm-connector", "op-42");
        await AddLegacyAsync(entity, nameField, "Без метки", null, null);

        var got = (await Rest.WebhookAsync($"crm.{entity}.get", new JObject { ["id"] = id })).Ok();
        var byOrigin = (await Rest.WebhookAsync($"crm.{entity}.list", new JObject { ["filter"] = new JObject { ["ORIGIN_ID"] = "op-42" } })).Ok();
        var byBoth = (await Rest.WebhookAsync($"crm.{entity}.list", new JObject { ["filter"] = new JObject { ["ORIGINATOR_ID"] = "crm-connector", ["ORIGIN_ID"] = "op-42" }, ["select"] = new JArray("ID", "ORIGIN_ID") })).Ok();
        var wrongSource = (await Rest.WebhookAsync($"crm.{entity}.list", new JObject { ["filter"] = new JObject { ["ORIGINATOR_ID"] = "other-app", ["ORIGIN_ID"] = "op-42" } })).Ok();

        Assert.Equal(("crm-connector", "op-42"), (got.Value<string>("ORIGINATOR_ID"), got.Value<string>("ORIGIN_ID")));
        Assert.Equal([id], byOrigin.Select(r => r.Value<int>("ID")));
        Assert.Equal(("crm-connector", "op-42"), (byOrigin[0]!.Value<string>("ORIGINATOR_ID"), byOrigin[0]!.Value<string>("ORIGIN_ID")));
        Assert.Equal([(id, "op-42")], byBoth.Select(r => (r.Value<int>("ID"), r.Value<string>("ORIGIN_ID"))));
        Assert.Empty(wrongSource);
    }

    [Fact]
    public async Task DealList_MarkerNobodyCarries_IsEmpty() // "not created yet": the answer that allows re-sending
    {
        await Rest.AddDealAsync("Сделка", "\"ORIGINATOR_ID\":\"crm-connector\",\"ORIGIN_ID\":\"op-1\"");

        var reply = await Rest.WebhookAsync("crm.deal.list", """{"filter":{"ORIGIN_ID":"op-2"}}""");

        Assert.Empty(reply.Ok());
        Assert.Equal(0, reply.Body.Value<int>("total"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ItemAdd_CamelCaseMarkers_ItemListFindsThemAndLegacyNamesShowThem(int entityTypeId)
    {
        await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = entityTypeId, ["fields"] = new JObject { ["title"] = "Чужой", ["name"] = "Чужой", ["originatorId"] = "crm-connector", ["originId"] = "op-1" } });
        var added = (await Rest.WebhookAsync("crm.item.add", new JObject { ["entityTypeId"] = entityTypeId, ["fields"] = new JObject { ["title"] = "Наш", ["name"] = "Наш", ["originatorId"] = "crm-connector", ["originId"] = "op-2" } })).Ok()["item"]!;
        var id = added.Value<int>("id");

        var listed = (await Rest.WebhookAsync("crm.item.list", new JObject { ["entityTypeId"] = entityTypeId, ["filter"] = new JObject { ["originatorId"] = "crm-connector", ["originId"] = "op-2" }, ["select"] = new JArray("id", "originId", "originatorId") })).Ok()["items"]!;
        var got = (await Rest.WebhookAsync("crm.item.get", new JObject { ["entityTypeId"] = entityTypeId, ["id"] = id })).Ok()["item"]!;
        var legacy = Sandbox.State()["items"]![Code(entityTypeId)]!.Single(r => r.Value<int>("ID") == id);

        Assert.Equal(("crm-connector", "op-2"), (added.Value<string>("originatorId"), added.Value<string>("originId")));
        Assert.Equal([(id, "op-2", "crm-connector")], listed.Select(i => (i.Value<int>("id"), i.Value<string>("originId"), i.Value<string>("originatorId"))));
        Assert.Equal("op-2", got.Value<string>("originId"));
        Assert.Equal(("crm-connector", "op-2"), (legacy.Value<string>("ORIGINATOR_ID"), legacy.Value<string>("ORIGIN_ID")));
    }

    [Theory]
    [InlineData("lead")]
    [InlineData("deal")]
    [InlineData("contact")]
    [InlineData("company")]
    public async Task Fields_ListTheMarkersAsWritableStrings(string entity) // crm.deal.fields: "type":"string", not read-only
    {
        var typeId = entity switch { "lead" => 1, "deal" => 2, "contact" => 3, _ => 4 };

        var legacy = (JObject)(await Rest.WebhookAsync($"crm.{entity}.fields")).Ok();
        var modern = (JObject)(await Rest.WebhookAsync("crm.item.fields", new JObject { ["entityTypeId"] = typeId })).Ok()["fields"]!;

        foreach (var (upper, camel) in new[] { ("ORIGINATOR_ID", "originatorId"), ("ORIGIN_ID", "originId") })
        {
            Assert.Equal(("string", false), (legacy[upper]!.Value<string>("type"), legacy[upper]!.Value<bool>("isReadOnly")));
            Assert.Equal(("string", false, upper), (modern[camel]!.Value<string>("type"), modern[camel]!.Value<bool>("isReadOnly"), modern[camel]!.Value<string>("upperName")));
        }
    }

    private async Task<int> AddLegacyAsync(string entity, string nameField, string name, string? originator, string? origin)
    {
        var fields = new JObject { [nameField] = name };
        if (originator is not null)
        {
            fields["ORIGINATOR_ID"] = originator;
            fields["ORIGIN_ID"] = origin;
        }

        return (await Rest.WebhookAsync($"crm.{entity}.add", new JObject { ["fields"] = fields })).Ok().Value<int>();
    }

    private static string Code(int entityTypeId) => entityTypeId switch { 1 => "lead", 2 => "deal", 3 => "contact", _ => "company" };
}
