using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Crm.Connector.Sandbox.Tests.OneC;

/// <summary>§1.1 service document, §1.8 publication, and Basic authentication.</summary>
public sealed class ServiceDocumentTests : OneCTest
{
    [Fact]
    public async Task ServiceDocument_FormatJson_ListsTheMinimalComposition()
    {
        var body = (await Http.GetAsync("?$format=json")).Expect(HttpStatusCode.OK);

        var entries = body["value"]!.Select(v => (v.Value<string>("name"), v.Value<string>("url"))).ToList();
        Assert.Equal(9, entries.Count);
        Assert.Contains(("Catalog_Контрагенты", "Catalog_Контрагенты"), entries);
        Assert.Contains(("Document_ПриходныйКассовыйОрдер", "Document_ПриходныйКассовыйОрдер"), entries);
        Assert.EndsWith("$metadata", body.Value<string>("odata.metadata"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceDocument_AcceptJsonNoMetadata_HasNoMetadataUrl()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Sandbox.ServiceRoot);
        request.Headers.Authorization = OneCHttp.Basic(Sandbox.User, Sandbox.Password);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;odata=nometadata"));
        using var client = new HttpClient();

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"value\":[", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublish_SetLeavesTheServiceDocumentAndAnswers404Code8()
    {
        Sandbox.Unpublish("Catalog_Валюты");

        var names = (await Http.GetAsync("?$format=json")).Values.Select(v => v.Value<string>("name"));
        var read = await Http.QueryAsync("Catalog_Валюты");

        Assert.DoesNotContain("Catalog_Валюты", names);
        Assert.Equal("8", read.ErrorCode(HttpStatusCode.NotFound));
        Assert.Single(Sandbox.All("Catalog_Валюты"));
    }

    [Fact]
    public async Task Auth_Missing_Is401HtmlWithBasicChallenge()
    {
        var reply = await Http.SendAsync(HttpMethod.Get, "?$format=json", authenticate: false);

        Assert.Equal((HttpStatusCode.Unauthorized, "text/html"), (reply.Status, reply.MediaType));
        Assert.Equal("Basic", reply.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Null(reply.Json);
    }

    [Fact]
    public async Task Auth_WrongPassword_Is401Html()
    {
        var reply = await Http.SendAsync(HttpMethod.Get, "Catalog_Контрагенты?$format=json", auth: OneCHttp.Basic(Sandbox.User, "wrong"));

        Assert.Equal((HttpStatusCode.Unauthorized, "text/html"), (reply.Status, reply.MediaType));
    }

    [Fact]
    public async Task Auth_CyrillicLoginAsUtf8_IsAcceptedButNotAsLatin1()
    {
        Assert.Equal("Администратор", Sandbox.User);

        var utf8 = await Http.SendAsync(HttpMethod.Get, "?$format=json", auth: OneCHttp.Basic(Sandbox.User, Sandbox.Password, Encoding.UTF8));
        var latin1 = await Http.SendAsync(HttpMethod.Get, "?$format=json", auth: OneCHttp.Basic(Sandbox.User, Sandbox.Password, Encoding.Latin1));

        utf8.Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, latin1.Status);
    }
}
