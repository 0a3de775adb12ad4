using System.Net;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.OneC;

/// <summary>§1.5 create/patch/delete and §1.6 posting.</summary>
public sealed class WriteTests : OneCTest
{
    [Fact]
    public async Task Create_WithClientKey_Is201WithKeyCodeVersionAndLocation()
    {
        var key = Guid.NewGuid();

        var reply = await Http.PostAsync(Counterparties + "?$format=json", $$"""{"Ref_Key":"{{key}}","Description":"Ромашка ООО","ИНН":"7701234567","Опечатка":"x"}""");

        var body = reply.Expect(HttpStatusCode.Created);
        Assert.Equal(key.ToString(), body.Value<string>("Ref_Key"));
        Assert.Equal("00-000001", body.Value<string>("Code"));
        Assert.False(string.IsNullOrEmpty(body.Value<string>("DataVersion")));
        Assert.False(body.Value<bool>("DeletionMark"));
        Assert.Null(body["Опечатка"]);
        Assert.Equal(new Uri(Sandbox.ServiceRoot, $"Catalog_Контрагенты(guid'{key}')"), reply.Headers.Location);
    }

    [Fact]
    public async Task Create_SameClientKeyTwice_SecondIsRefusedWithCode15AndOneIsStored()
    {
        var key = Guid.NewGuid();
        var json = $$"""{"Ref_Key":"{{key}}","Description":"Ромашка ООО"}""";

        await CreateAsync(Counterparties, json);
        var second = await Http.PostAsync(Counterparties + "?$format=json", json);

        Assert.Equal("15", second.ErrorCode(HttpStatusCode.InternalServerError));
        Assert.Single(Sandbox.All(Counterparties), c => c.Value<string>("Ref_Key") == key.ToString());
    }

    [Fact]
    public async Task Create_Document_GetsNumberAndIsNotPosted()
    {
        var body = await CreateAsync(Invoices, $$"""{"Date":"2024-01-15T00:00:00","Организация_Key":"{{Sandbox.Organization}}"}""");

        Assert.Equal(("0000-000001", false, "2024-01-15T00:00:00"), (body.Value<string>("Number"), body.Value<bool>("Posted"), body.Value<string>("Date")));
    }

    [Fact]
    public async Task Patch_MergesSentPropertiesReplacesTablePartAndChangesDataVersion()
    {
        var created = await CreateAsync(Invoices, $$"""
            {"Организация_Key":"{{Sandbox.Organization}}","Комментарий":"keep","СуммаДокумента":100,
             "Товары":[{"Содержание":"a","Сумма":50},{"Содержание":"b","Сумма":50}]}
            """);
        var key = Guid.Parse(created.Value<string>("Ref_Key")!);

        var patched = (await Http.PatchAsync(Invoices + OneCHttp.Key(key) + "?$format=json", """{"СуммаДокумента":150,"Товары":[{"Содержание":"c","Сумма":150}]}""")).Expect(HttpStatusCode.OK);

        Assert.NotEqual(created.Value<string>("DataVersion"), patched.Value<string>("DataVersion"));
        Assert.Equal(("keep", 150m), (patched.Value<string>("Комментарий"), patched.Value<decimal>("СуммаДокумента")));
        Assert.Equal(["c"], patched["Товары"]!.Select(r => r.Value<string>("Содержание")));
        Assert.Equal("1", patched["Товары"]![0]!.Value<string>("LineNumber"));
    }

    [Fact]
    public async Task Patch_Missing_Is404Code9()
    {
        var reply = await Http.PatchAsync(Invoices + OneCHttp.Key(Guid.NewGuid()) + "?$format=json", "{}");

        Assert.Equal("9", reply.ErrorCode(HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("/Post?PostingModeOperational=false")]
    [InlineData("/Post()")]
    public async Task Post_SetsPostedAndChangesDataVersionWithAnEmptyBody(string action)
    {
        var created = await CreateAsync(Invoices, $$"""{"Организация_Key":"{{Sandbox.Organization}}"}""");
        var key = Guid.Parse(created.Value<string>("Ref_Key")!);

        var reply = await Http.PostAsync(Invoices + OneCHttp.Key(key) + action);

        Assert.Equal((HttpStatusCode.OK, ""), (reply.Status, reply.Text));
        var stored = Sandbox.Find(Invoices, key)!;
        Assert.True(stored.Value<bool>("Posted"));
        Assert.NotEqual(created.Value<string>("DataVersion"), stored.Value<string>("DataVersion"));
    }

    [Fact]
    public async Task Unpost_ClearsPosted()
    {
        var key = Guid.Parse((await CreateAsync(Invoices, $$"""{"Организация_Key":"{{Sandbox.Organization}}","Posted":true}""")).Value<string>("Ref_Key")!);

        var reply = await Http.PostAsync(Invoices + OneCHttp.Key(key) + "/Unpost");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(Sandbox.Find(Invoices, key)!.Value<bool>("Posted"));
    }

    [Fact]
    public async Task Post_WithoutOrganization_IsBusinessError500CodeMinus1()
    {
        var key = Guid.Parse((await CreateAsync(Invoices, "{}")).Value<string>("Ref_Key")!);

        var reply = await Http.PostAsync(Invoices + OneCHttp.Key(key) + "/Post");

        Assert.Equal("-1", reply.ErrorCode(HttpStatusCode.InternalServerError));
        Assert.False(Sandbox.Find(Invoices, key)!.Value<bool>("Posted"));
    }

    [Fact]
    public async Task Delete_RemovesPhysically()
    {
        var key = Guid.Parse((await CreateAsync(Counterparties, """{"Description":"Удалить"}""")).Value<string>("Ref_Key")!);

        var reply = await Http.SendAsync(HttpMethod.Delete, Counterparties + OneCHttp.Key(key));
        var read = await Http.GetAsync(Counterparties + OneCHttp.Key(key) + "?$format=json");

        Assert.Equal(HttpStatusCode.NoContent, reply.Status);
        Assert.Equal("9", read.ErrorCode(HttpStatusCode.NotFound));
        Assert.Null(Sandbox.Find(Counterparties, key));
    }

    [Fact]
    public async Task Edit_AsAccountant_ChangesDataVersionSeenOverHttp()
    {
        var created = await CreateAsync(Invoices, "{}");
        var key = Guid.Parse(created.Value<string>("Ref_Key")!);

        Sandbox.Edit(Invoices, key, new JObject { ["Комментарий"] = "поправил бухгалтер" });
        var read = (await Http.GetAsync(Invoices + OneCHttp.Key(key) + "?$format=json")).Expect(HttpStatusCode.OK);

        Assert.Equal("поправил бухгалтер", read.Value<string>("Комментарий"));
        Assert.NotEqual(created.Value<string>("DataVersion"), read.Value<string>("DataVersion"));
    }
}
