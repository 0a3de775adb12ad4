using System.Globalization;
using System.Net;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>amocrm-api.md §4: custom fields.</summary>
public sealed class CustomFieldTests : AmoTest
{
    [Fact]
    public async Task List_MoreThan50Fields_ComesIn50sWithALinkToTheNextPage()
    {
        var items = string.Join(",", Enumerable.Range(1, 60).Select(i => $$"""{"name":"F{{i.ToString(CultureInfo.InvariantCulture)}}","type":"text"}"""));
        (await Api.PostAsync("/api/v4/leads/custom_fields", $"[{items}]")).Expect(HttpStatusCode.Created);

        var first = (await Api.GetAsync("/api/v4/leads/custom_fields?limit=250")).Expect(HttpStatusCode.OK);
        var next = new Uri(first["_links"]!["next"]!.Value<string>("href")!);
        var second = (await Api.GetAsync(next.PathAndQuery)).Expect(HttpStatusCode.OK);

        Assert.Equal(50, first["_embedded"]!["custom_fields"]!.Count());
        Assert.Equal(10, second["_embedded"]!["custom_fields"]!.Count());
        Assert.Null(second["_links"]!["next"]);
        Assert.Equal(60, first.Value<int>("_total_items"));
    }

    [Fact]
    public async Task Create_Select_Is201WithEnumIds()
    {
        var reply = await Api.PostAsync("/api/v4/leads/custom_fields", """
            [{"name":"Client type","type":"select","code":"CLIENT_TYPE","sort":500,"enums":[{"value":"New","sort":1},{"value":"VIP","sort":3}],"request_id":"tpl"}]
            """);

        var field = reply.Expect(HttpStatusCode.Created)["_embedded"]!["custom_fields"]![0]!;
        Assert.Equal(("tpl", "CLIENT_TYPE", "leads"), (field.Value<string>("request_id"), field.Value<string>("code"), field.Value<string>("entity_type")));
        Assert.All(field["enums"]!, e => Assert.True(e.Value<long>("id") > 0));
    }

    [Fact]
    public async Task Patch_Enums_ReplacesTheWholeList()
    {
        var field = (await Api.PostAsync("/api/v4/leads/custom_fields", """[{"name":"Tier","type":"select","enums":[{"value":"A"},{"value":"B"},{"value":"C"}]}]"""))
            .Expect(HttpStatusCode.Created)["_embedded"]!["custom_fields"]![0]!;
        var id = field.Value<long>("id");
        var enums = field["enums"]!.ToDictionary(e => e.Value<string>("value")!, e => e.Value<long>("id"));

        var reply = await Api.PatchAsync("/api/v4/leads/custom_fields", $$"""[{"id":{{id}},"enums":[{"id":{{enums["A"]}},"value":"A+"},{"value":"D"}]}]""");
        var after = (await Api.GetAsync($"/api/v4/leads/custom_fields/{id}")).Expect(HttpStatusCode.OK)["enums"]!;

        reply.Expect(HttpStatusCode.OK);
        Assert.Equal(["A+", "D"], after.Select(e => e.Value<string>("value")));
        Assert.Equal(enums["A"], after[0]!.Value<long>("id"));
        Assert.DoesNotContain(after[1]!.Value<long>("id"), enums.Values);
    }

    [Fact]
    public async Task Create_CodeTakenOnTheSameEntity_IsRefusedButAnotherEntityMayUseIt()
    {
        (await Api.PostAsync("/api/v4/leads/custom_fields", """[{"name":"Source","type":"text","code":"SRC"}]""")).Expect(HttpStatusCode.Created);

        var again = await Api.PostAsync("/api/v4/leads/custom_fields", """[{"name":"Source 2","type":"text","code":"src"}]""");
        var onContacts = await Api.PostAsync("/api/v4/contacts/custom_fields", """[{"name":"Source","type":"text","code":"SRC"}]""");

        again.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(("NotUnique", "code"), again.ValidationErrors());
        onContacts.Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Create_RequiredStatusThatDoesNotExist_IsRefused()
    {
        var reply = await Api.PostAsync("/api/v4/leads/custom_fields", """[{"name":"Budget","type":"numeric","required_statuses":[{"pipeline_id":1,"status_id":2}]}]""");

        reply.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(("NotSupportedChoice", "required_statuses.0.status_id"), reply.ValidationErrors());
    }

    [Fact]
    public async Task Contacts_HavePredefinedPhoneAndEmailThatCannotBeDeleted()
    {
        var fields = (await Api.GetAsync("/api/v4/contacts/custom_fields")).Expect(HttpStatusCode.OK)["_embedded"]!["custom_fields"]!;
        var phone = fields.Single(f => f.Value<string>("code") == "PHONE");

        var delete = await Api.DeleteAsync($"/api/v4/contacts/custom_fields/{phone.Value<long>("id")}");

        Assert.Equal("multitext", phone.Value<string>("type"));
        Assert.Contains("MOB", phone["enums"]!.Select(e => e.Value<string>("value")));
        Assert.Contains(fields, f => f.Value<string>("code") == "EMAIL");
        Assert.Contains(fields, f => f.Value<string>("code") == "POSITION");
        delete.Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_CatalogOnlyTypeOnLeads_IsRefused()
    {
        var reply = await Api.PostAsync("/api/v4/leads/custom_fields", """[{"name":"Price","type":"price"}]""");

        reply.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(("NotSupportedChoice", "type"), reply.ValidationErrors());
    }
}
