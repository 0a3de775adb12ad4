using System.Text;
using WireMock.ResponseBuilders;

namespace Crm.Connector.OneC.Tests;

public sealed class ClientTests : IDisposable
{
    private const string Counterparties = "Catalog_Контрагенты";
    private readonly Fake1C _onec = new();

    public void Dispose() => _onec.Dispose();

    [Fact]
    public async Task Requests_CyrillicLogin_BasicHeaderFromUtf8Bytes()
    {
        _onec.On(Fake1C.At(Counterparties), Fake1C.Json("""{"value":[]}"""));

        await _onec.Accounting().FindCounterpartiesAsync("7701234567", null, default);

        var header = Assert.Single(_onec.Log).RequestMessage.Headers!["Authorization"].Single();
        Assert.StartsWith("Basic ", header, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(header["Basic ".Length..]);
        Assert.Equal(Encoding.UTF8.GetBytes("Администратор:пароль 1"), bytes);
    }

    [Fact]
    public async Task FindCounterparties_Filter_SentWithPercent20AndMatchedOnDecodedPath()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        _onec.On(Fake1C.At(Counterparties), Fake1C.Json($$"""
            {"value":[
              {"Ref_Key":"{{a}}","DataVersion":"AAA=","Description":"Ромашка филиал","ИНН":"7701234567","КПП":"770201001","ЮридическоеФизическоеЛицо":"ЮридическоеЛицо"},
              {"Ref_Key":"{{b}}","DataVersion":"AAB=","Description":"Ромашка ООО","ИНН":"7701234567","КПП":"770101001","ЮридическоеФизическоеЛицо":"ЮридическоеЛицо"}]}
            """));

        var found = await _onec.Accounting().FindCounterpartiesAsync("77-0123 4567", "770101001", default);

        Assert.Equal([b, a], found.Select(c => c.RefKey));
        Assert.Equal("Ромашка ООО", found[0].Description);
        Assert.False(found[0].IsPerson);
        var url = Assert.Single(_onec.SentUrls);
        Assert.Contains("/buh/odata/standard.odata/Catalog_%D0%9A%D0%BE%D0%BD%D1%82%D1%80%D0%B0%D0%B3%D0%B5%D0%BD%D1%82%D1%8B?$format=json;odata=nometadata", url, StringComparison.Ordinal);
        Assert.Contains("$filter=%D0%98%D0%9D%D0%9D%20eq%20'7701234567'%20and%20IsFolder%20eq%20false%20and%20DeletionMark%20eq%20false", url, StringComparison.Ordinal);
        Assert.DoesNotContain("+", url, StringComparison.Ordinal);
        Assert.Equal("ИНН eq '7701234567' and IsFolder eq false and DeletionMark eq false", Assert.Single(_onec.Log).RequestMessage.Query!["$filter"].Single());
    }

    [Fact]
    public async Task List_ThreePagesLastShort_ThreeRequestsWithSkips()
    {
        string Page(int n) => "{\"value\":[" + string.Join(',', Enumerable.Range(0, n).Select(_ => $"{{\"Ref_Key\":\"{Guid.NewGuid()}\"}}")) + "]}";
        _onec.On(Fake1C.At(Counterparties).WithParam("$skip", "0"), Fake1C.Json(Page(2)));
        _onec.On(Fake1C.At(Counterparties).WithParam("$skip", "2"), Fake1C.Json(Page(2)));
        _onec.On(Fake1C.At(Counterparties).WithParam("$skip", "4"), Fake1C.Json(Page(1)));
        var client = _onec.Client(pageSize: 2);

        var rows = await client.ListAsync(new Query.ODataQuery(Counterparties), default);

        Assert.Equal(5, rows.Count);
        Assert.Equal(3, client.Requests);
        Assert.Equal(["0", "2", "4"], _onec.Log.Select(e => e.RequestMessage.Query!["$skip"].Single()));
        Assert.All(_onec.Log, e => Assert.Equal("2", e.RequestMessage.Query!["$top"].Single()));
        Assert.All(_onec.Log, e => Assert.Equal("Ref_Key", e.RequestMessage.Query!["$orderby"].Single()));
        Assert.All(_onec.Log, e => Assert.False(e.RequestMessage.Query!.ContainsKey("$inlinecount")));
    }

    [Fact]
    public async Task Get_503ThenAnswer_RetriedAndReturned()
    {
        var key = Guid.NewGuid();
        _onec.Server.Given(Fake1C.At(Fake1C.KeyPath(Counterparties, key))).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("Service Unavailable"));
        _onec.Server.Given(Fake1C.At(Fake1C.KeyPath(Counterparties, key))).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Fake1C.Json($$"""{"Ref_Key":"{{key}}","Description":"Иванов","ЮридическоеФизическоеЛицо":"ФизическоеЛицо","ИНН":""}"""));
        var accounting = _onec.Accounting();

        var found = await accounting.GetCounterpartyAsync(key, default);

        Assert.NotNull(found);
        Assert.True(found.IsPerson);
        Assert.Null(found.Inn);
        Assert.Equal(2, accounting.Requests);
    }

    [Fact]
    public async Task Get_HtmlWith200_InvalidAnswerAfterThreeAttempts()
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Fake1C.KeyPath(Counterparties, key)), Fake1C.Html(200, "Нет прав"));
        var accounting = _onec.Accounting();

        var e = await Assert.ThrowsAsync<OneCException>(() => accounting.GetCounterpartyAsync(key, default));

        Assert.Equal(OneCErrorKind.InvalidAnswer, e.Kind);
        Assert.True(e.Transient);
        Assert.Equal(3, accounting.Requests);
    }

    [Fact]
    public async Task Get_Missing_Null()
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Fake1C.KeyPath(Counterparties, key)), Fake1C.ODataError(404, "9", "Не найден экземпляр сущности"));

        Assert.Null(await _onec.Accounting().GetCounterpartyAsync(key, default));
    }

    [Fact]
    public async Task Find_IisHtml401_UnauthorizedNotRetriedAndNoPassword()
    {
        _onec.On(Fake1C.At(Counterparties), Fake1C.Html(401, "401 - Unauthorized: Access is denied due to invalid credentials."));
        var accounting = _onec.Accounting();

        var e = await Assert.ThrowsAsync<OneCException>(() => accounting.FindCounterpartiesAsync("7701234567", null, default));

        Assert.Equal(OneCErrorKind.Unauthorized, e.Kind);
        Assert.Equal(1, accounting.Requests);
        Assert.DoesNotContain(Fake1C.Password, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Basic ", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceDocument_Check_DetectsAndNamesMissing()
    {
        _onec.On(Fake1C.At(""), Fake1C.Json("""{"odata.metadata":"x/$metadata","value":[{"name":"Catalog_Контрагенты","url":"Catalog_Контрагенты"},{"name":"Document_СчетНаОплатуПокупателю","url":"Document_СчетНаОплатуПокупателю"}]}"""));

        var report = await new OneCAccountingFactory(_onec.Http).CheckAsync(_onec.Connection, default);

        Assert.Same(OneCEntityNames.Bp30, report.Names);
        Assert.Contains("Catalog_Организации", report.MissingSets);
        Assert.Contains("Document_ПоступлениеНаРасчетныйСчет", report.Advice, StringComparison.Ordinal);
        Assert.EndsWith("/buh/odata/standard.odata/?$format=json", Assert.Single(_onec.SentUrls), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceDocument_EmptyComposition_NotPublished()
    {
        _onec.On(Fake1C.At(""), Fake1C.Json("""{"value":[]}"""));

        var report = await new OneCAccountingFactory(_onec.Http).CheckAsync(_onec.Connection, default);

        Assert.False(report.ODataPublished);
        Assert.Contains("Публиковать стандартный интерфейс OData", report.Advice, StringComparison.Ordinal);
    }
}
