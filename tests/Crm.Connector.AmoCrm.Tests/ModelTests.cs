using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>Models against amoCRM's JSON (amocrm-api.md §4.4, §6, §12.8).</summary>
public sealed class ModelTests
{
    [Fact]
    public void Lead_PolymorphicValuesAndEmbedded_AreRead()
    {
        var lead = AmoJson.To<AmoLead>(JObject.Parse("""
            {"id":5,"name":"Deal","price":1500,"status_id":143,"pipeline_id":7,"updated_at":1700000000,
             "custom_fields_values":[
               {"field_id":1,"field_name":"Note","field_type":"text","values":[{"value":"hello"}]},
               {"field_id":2,"field_type":"numeric","values":[{"value":"12.5"}]},
               {"field_id":3,"field_type":"checkbox","values":[{"value":true}]},
               {"field_id":4,"field_type":"date","values":[{"value":1700000000}]},
               {"field_id":5,"field_type":"select","values":[{"value":"VIP","enum_id":77,"enum_code":null}]},
               {"field_id":6,"field_type":"smart_address","values":[{"value":{"city":"Kazan"}}]}],
             "_embedded":{"contacts":[{"id":9,"is_main":true}],"loss_reason":[{"id":3,"name":"Too expensive"}]}}
            """));

        Assert.Equal("hello", lead.Field(1)!.First!.AsText());
        Assert.Equal(12.5m, lead.Field(2)!.First!.AsNumber());
        Assert.True(lead.Field(3)!.First!.AsBoolean());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), lead.Field(4)!.First!.AsInstant());
        Assert.Equal(77, lead.Field(5)!.Values![0].EnumId);
        Assert.Equal("Kazan", lead.Field(6)!.First!.Raw.Value<string>("city"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), lead.UpdatedAt);
        Assert.Equal(9, Assert.Single(lead.Contacts).Id);
        Assert.Equal("Too expensive", lead.LossReason!.Name);
    }

    [Fact]
    public void LeadAdd_WithLinksAndTags_WritesThemEmbeddedAndLeavesOutWhatIsNotSet()
    {
        var json = (JObject)AmoJson.From(new AmoLeadAdd
        {
            Name = "Курс PHP",
            PipelineId = 5,
            StatusId = 142,
            Contacts = [new AmoEntityLink { Id = 9, IsMain = true }],
            Tags = [new AmoTag { Name = "web" }],
        });
        var company = (JObject)AmoJson.From(new AmoCompanyAdd { Name = "ООО Ромашка" });

        Assert.Equal(("Курс PHP", 5L, 142L), ((string?)json["name"], (long)json["pipeline_id"]!, (long)json["status_id"]!));
        Assert.Equal(9L, (long)json["_embedded"]!["contacts"]![0]!["id"]!);
        Assert.Equal("web", (string?)json["_embedded"]!["tags"]![0]!["name"]);
        Assert.Null(json["_embedded"]!["companies"]);
        Assert.Null(json["price"]);
        Assert.Equal(["name"], company.Properties().Select(p => p.Name));
    }

    [Fact]
    public void CustomFieldValues_Builder_WritesEnumIdsCodesUnixSecondsAndNulls()
    {
        var values = new CustomFieldValues()
            .Select(1, 77)
            .MultiSelect(2, [5, 6])
            .Phone(3, "+79990000000", AmoEnumCodes.Mobile)
            .Email(3, "a@b.c")
            .Date(4, new DateOnly(2026, 1, 15))
            .DateTime(5, DateTimeOffset.FromUnixTimeSeconds(1768471200))
            .Text(6, null);

        var json = (JArray)AmoJson.From(new AmoLeadPatch { Id = 1, CustomFieldsValues = values })["custom_fields_values"]!;

        Assert.Equal("""[{"enum_id":77}]""", json[0]["values"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("""[{"enum_id":5},{"enum_id":6}]""", json[1]["values"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("""[{"value":"+79990000000","enum_code":"MOB"},{"value":"a@b.c","enum_code":"WORK"}]""", json[2]["values"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(1768435200, json[3]["values"]![0]!.Value<long>("value"));
        Assert.Equal(1768471200, json[4]["values"]![0]!.Value<long>("value"));
        Assert.Equal(JTokenType.Null, json[5]["values"]!.Type);
        Assert.Equal(6, values.Count);
    }

    [Fact]
    public void Role_Rights_RoundTrip()
    {
        var role = AmoJson.To<AmoRole>(JObject.Parse("""{"id":3,"name":"Managers","rights":{"leads":{"view":"A","edit":"G","add":"A","delete":"D","export":"M"},"mail_access":true,"status_rights":[{"entity_type":"leads","pipeline_id":1,"status_id":2,"rights":{"view":"A"}}]}}"""));

        Assert.Equal(("G", true, 2L), (role.Rights.Leads!.Edit, role.Rights.MailAccess, role.Rights.StatusRights![0].StatusId));
        Assert.Equal("M", AmoJson.From(new AmoRoleAdd { Name = "x", Rights = role.Rights })["rights"]!["leads"]!.Value<string>("export"));
    }

    [Theory]
    [InlineData("school.amocrm.ru", "https://school.amocrm.ru/", "school.amocrm.ru")]
    [InlineData("https://School.amocrm.ru/api/v4", "https://school.amocrm.ru/", "school.amocrm.ru")]
    [InlineData("http://127.0.0.1:5123/", "http://127.0.0.1:5123/", "127.0.0.1:5123")]
    public void AccountAddress_Parse_KeepsSchemeAndAuthority(string text, string url, string key)
    {
        var address = AmoAccountAddress.Parse(text);

        Assert.Equal((new Uri(url), key), (address.BaseUrl, address.Key));
    }
}
