using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Custom fields of CRM entities (bitrix24-rest.md §7).</summary>
public sealed class UserFieldTests : SandboxTest
{
    [Theory]
    [InlineData("MANAGER_NOTE", "UF_CRM_MANAGER_NOTE")]
    [InlineData("manager_note", "UF_CRM_MANAGER_NOTE")]
    [InlineData("UF_X", "UF_CRM_X")]
    [InlineData("UF_CRM_DONE", "UF_CRM_DONE")]
    public async Task Add_FieldName_IsUpperCasedAndPrefixed(string requested, string expected) // §7
    {
        var id = (await AddAsync("deal", new JObject { ["FIELD_NAME"] = requested, ["USER_TYPE_ID"] = "string" })).Ok();
        var field = (await Rest.WebhookAsync("crm.deal.userfield.get", new JObject { ["id"] = id })).Ok();

        Assert.Equal(expected, field.Value<string>("FIELD_NAME"));
        Assert.Equal("CRM_DEAL", field.Value<string>("ENTITY_ID"));
    }

    [Theory]
    [InlineData("NOTE-1")]
    [InlineData("ЗАМЕТКА")]
    [InlineData("")]
    public async Task Add_FieldNameWithOtherCharacters_IsErrorCore(string requested) // §7: A-Z 0-9 _
    {
        var reply = await AddAsync("deal", new JObject { ["FIELD_NAME"] = requested, ["USER_TYPE_ID"] = "string" });

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Add_FieldNameOf50WithPrefix_IsAcceptedAnd51IsNot() // §7: max 50 incl. prefix (43 for your code)
    {
        var ok = await AddAsync("deal", new JObject { ["FIELD_NAME"] = new string('A', 43), ["USER_TYPE_ID"] = "string" });
        var tooLong = await AddAsync("deal", new JObject { ["FIELD_NAME"] = new string('B', 44), ["USER_TYPE_ID"] = "string" });

        ok.Ok();
        tooLong.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Add_SameNameTwice_IsErrorCoreButAnotherEntityMayHaveIt() // §7
    {
        (await AddAsync("deal", new JObject { ["FIELD_NAME"] = "SOURCE_NOTE", ["USER_TYPE_ID"] = "string" })).Ok();

        var again = await AddAsync("deal", new JObject { ["FIELD_NAME"] = "SOURCE_NOTE", ["USER_TYPE_ID"] = "string" });
        var onLead = await AddAsync("lead", new JObject { ["FIELD_NAME"] = "SOURCE_NOTE", ["USER_TYPE_ID"] = "string" });

        again.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        onLead.Ok();
    }

    [Fact]
    public async Task Add_UnknownType_IsErrorCore() // §7: USER_TYPE_ID list
    {
        var reply = await AddAsync("deal", new JObject { ["FIELD_NAME"] = "X", ["USER_TYPE_ID"] = "phone" });

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Add_MultipleBoolean_IsErrorCore() // §7: boolean cannot be multiple
    {
        var reply = await AddAsync("deal", new JObject { ["FIELD_NAME"] = "FLAGS", ["USER_TYPE_ID"] = "boolean", ["MULTIPLE"] = "Y" });

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Add_Enumeration_ListItemsGetIdsAndEmptyValuesAreIgnored() // §7: LIST, empty VALUE ignored
    {
        var id = (await AddAsync("deal", new JObject
        {
            ["FIELD_NAME"] = "KIND",
            ["USER_TYPE_ID"] = "enumeration",
            ["LABEL"] = "Вид",
            ["LIST"] = new JArray(
                new JObject { ["VALUE"] = "Грузовик", ["SORT"] = 10, ["XML_ID"] = "TRUCK", ["DEF"] = "Y" },
                new JObject { ["VALUE"] = "", ["XML_ID"] = "EMPTY" },
                new JObject { ["VALUE"] = "Автобус", ["SORT"] = 20, ["XML_ID"] = "BUS" }),
        })).Ok();
        var field = (await Rest.WebhookAsync("crm.deal.userfield.get", new JObject { ["id"] = id })).Ok();
        var list = (JArray)field["LIST"]!;

        Assert.Equal(["TRUCK", "BUS"], list.Select(i => i.Value<string>("XML_ID")));
        Assert.Equal(["Y", "N"], list.Select(i => i.Value<string>("DEF")));
        Assert.All(list, i => Assert.True(i.Value<int>("ID") > 0));
        Assert.Equal("Вид", field["EDIT_FORM_LABEL"]!.Value<string>("ru"));
        Assert.Equal("Вид", field["LIST_COLUMN_LABEL"]!.Value<string>("en"));
    }

    [Fact]
    public async Task Update_ListItems_ChangeAddDeleteAndKeepTheRest() // §7: ID → changed, no ID → added, DEL:Y → deleted
    {
        var id = (await AddAsync("deal", new JObject
        {
            ["FIELD_NAME"] = "KIND",
            ["USER_TYPE_ID"] = "enumeration",
            ["LIST"] = new JArray(
                new JObject { ["VALUE"] = "Грузовик", ["SORT"] = 10, ["XML_ID"] = "TRUCK" },
                new JObject { ["VALUE"] = "Автобус", ["SORT"] = 20, ["XML_ID"] = "BUS" },
                new JObject { ["VALUE"] = "Прицеп", ["SORT"] = 30, ["XML_ID"] = "TRAILER" }),
        })).Ok();
        var items = (JArray)(await Rest.WebhookAsync("crm.deal.userfield.get", new JObject { ["id"] = id })).Ok()["LIST"]!;
        var truck = items.Single(i => i.Value<string>("XML_ID") == "TRUCK").Value<int>("ID");
        var bus = items.Single(i => i.Value<string>("XML_ID") == "BUS").Value<int>("ID");

        (await Rest.WebhookAsync("crm.deal.userfield.update", new JObject
        {
            ["id"] = id,
            ["fields"] = new JObject
            {
                ["LIST"] = new JArray(
                    new JObject { ["ID"] = truck, ["VALUE"] = "Грузовой автомобиль" },
                    new JObject { ["ID"] = bus, ["DEL"] = "Y" },
                    new JObject { ["VALUE"] = "После ДТП", ["SORT"] = 40, ["XML_ID"] = "AFTER_ACCIDENT" }),
                ["FIELD_NAME"] = "RENAMED",
                ["USER_TYPE_ID"] = "string",
                ["MANDATORY"] = "Y",
            },
        })).Ok();
        var field = (await Rest.WebhookAsync("crm.deal.userfield.get", new JObject { ["id"] = id })).Ok();
        var list = (JArray)field["LIST"]!;

        Assert.Equal(["TRUCK", "TRAILER", "AFTER_ACCIDENT"], list.Select(i => i.Value<string>("XML_ID")));
        Assert.Equal("Грузовой автомобиль", list[0]!.Value<string>("VALUE"));
        Assert.Equal(truck, list[0]!.Value<int>("ID"));
        Assert.Equal(("UF_CRM_KIND", "enumeration", "Y"), (field.Value<string>("FIELD_NAME"), field.Value<string>("USER_TYPE_ID"), field.Value<string>("MANDATORY")));
    }

    [Fact]
    public async Task Update_Label_ReplacesTheLanguageMap() // §7: labels fully overwrite; unspecified languages become ''
    {
        var id = (await AddAsync("deal", new JObject { ["FIELD_NAME"] = "NOTE", ["USER_TYPE_ID"] = "string", ["EDIT_FORM_LABEL"] = new JObject { ["ru"] = "Заметка", ["en"] = "Note" } })).Ok();

        (await Rest.WebhookAsync("crm.deal.userfield.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["EDIT_FORM_LABEL"] = new JObject { ["ru"] = "Примечание" } } })).Ok();
        var label = (await Rest.WebhookAsync("crm.deal.userfield.get", new JObject { ["id"] = id })).Ok()["EDIT_FORM_LABEL"]!;

        Assert.Equal(("Примечание", ""), (label.Value<string>("ru"), label.Value<string>("en")));
    }

    [Fact]
    public async Task List_FilterByTypeAndOrder_Works() // §7: list {filter, order}
    {
        await AddAsync("deal", new JObject { ["FIELD_NAME"] = "A_TEXT", ["USER_TYPE_ID"] = "string", ["SORT"] = 300 });
        await AddAsync("deal", new JObject { ["FIELD_NAME"] = "B_FLAG", ["USER_TYPE_ID"] = "boolean" });
        await AddAsync("deal", new JObject { ["FIELD_NAME"] = "C_TEXT", ["USER_TYPE_ID"] = "string", ["SORT"] = 200 });
        await AddAsync("lead", new JObject { ["FIELD_NAME"] = "D_TEXT", ["USER_TYPE_ID"] = "string" });

        var reply = await Rest.WebhookAsync("crm.deal.userfield.list", """{"filter":{"USER_TYPE_ID":"string"},"order":{"SORT":"ASC"}}""");

        Assert.Equal(["UF_CRM_C_TEXT", "UF_CRM_A_TEXT"], reply.Ok().Select(f => f.Value<string>("FIELD_NAME")));
    }

    [Fact]
    public async Task Delete_Field_IsGoneFromTheListAndTheItems()
    {
        var id = (await AddAsync("deal", new JObject { ["FIELD_NAME"] = "GONE", ["USER_TYPE_ID"] = "string" })).Ok();
        var deal = await Rest.AddDealAsync("С полем", "\"UF_CRM_GONE\":\"x\"");

        (await Rest.WebhookAsync("crm.deal.userfield.delete", new JObject { ["id"] = id })).Ok();
        var fields = (await Rest.WebhookAsync("crm.deal.userfield.list")).Ok();
        var item = (await Rest.WebhookAsync("crm.deal.get", new JObject { ["id"] = deal })).Ok();

        Assert.Empty(fields);
        Assert.Null(item["UF_CRM_GONE"]);
    }

    private Task<RestReply> AddAsync(string entity, JObject fields) =>
        Rest.WebhookAsync($"crm.{entity}.userfield.add", new JObject { ["fields"] = fields });
}
