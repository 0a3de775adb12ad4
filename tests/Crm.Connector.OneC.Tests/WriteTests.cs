using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock.ResponseBuilders;

namespace Crm.Connector.OneC.Tests;

public sealed class WriteTests : IDisposable
{
    private const string Counterparties = "Catalog_Контрагенты";
    private const string Invoices = "Document_СчетНаОплатуПокупателю";
    private readonly Fake1C _onec = new();

    public void Dispose() => _onec.Dispose();

    /// <summary>The one request's JSON body as sent (dates kept as text).</summary>
    private JObject SentBody() =>
        JsonConvert.DeserializeObject<JObject>(Assert.Single(_onec.Log).RequestMessage.Body!, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal })!;

    private static OneCCounterpartyDraft Draft(Guid key) => new() { RefKey = key, Description = "Ромашка ООО", Inn = "7701234567", Kpp = "770101001", Comment = "[crm:b24:p:company:17]" };

    private static string Entity(Guid key) =>
        $$"""{"Ref_Key":"{{key}}","DataVersion":"AAAAAQ==","Description":"Ромашка ООО","ИНН":"7701234567","КПП":"770101001","ЮридическоеФизическоеЛицо":"ЮридическоеЛицо"}""";

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task CreateCounterparty_AnswerLostButCreated_OnePostThenGetReturnsIt(FaultType fault)
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Counterparties, "POST"), Response.Create().WithStatusCode(201).WithBody(Entity(key)).WithFault(fault));
        _onec.On(Fake1C.At(Fake1C.KeyPath(Counterparties, key)), Fake1C.Json(Entity(key)));

        var created = await _onec.Accounting().CreateCounterpartyAsync(Draft(key), default);

        Assert.Equal(key, created.RefKey);
        Assert.Equal(1, _onec.Count("POST", Counterparties));
        Assert.Equal(1, _onec.Count("GET", Fake1C.KeyPath(Counterparties, key)));
    }

    [Fact]
    public async Task CreateCounterparty_AnswerLostAndAbsent_UnavailableAfterOnePost()
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Counterparties, "POST"), Response.Create().WithStatusCode(201).WithFault(FaultType.EMPTY_RESPONSE));
        _onec.On(Fake1C.At(Fake1C.KeyPath(Counterparties, key)), Fake1C.ODataError(404, "9", "Не найден экземпляр сущности"));

        var e = await Assert.ThrowsAsync<OneCException>(() => _onec.Accounting().CreateCounterpartyAsync(Draft(key), default));

        Assert.Equal(OneCErrorKind.Unavailable, e.Kind);
        Assert.Equal(1, _onec.Count("POST", Counterparties));
        Assert.Equal(1, _onec.Count("GET", Fake1C.KeyPath(Counterparties, key)));
    }

    [Fact]
    public async Task CreateCounterparty_HtmlWith200_SettledByReadBack()
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Counterparties, "POST"), Fake1C.Html(200));
        _onec.On(Fake1C.At(Fake1C.KeyPath(Counterparties, key)), Fake1C.Json(Entity(key)));

        var created = await _onec.Accounting().CreateCounterpartyAsync(Draft(key), default);

        Assert.Equal(key, created.RefKey);
        Assert.Equal(1, _onec.Count("POST", Counterparties));
    }

    [Fact]
    public async Task CreateCounterparty_Code15_ReadsBackExisting()
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Counterparties, "POST"), Fake1C.ODataError(400, "15", "Сущность с таким ключом уже существует"));
        _onec.On(Fake1C.At(Fake1C.KeyPath(Counterparties, key)), Fake1C.Json(Entity(key)));

        var created = await _onec.Accounting().CreateCounterpartyAsync(Draft(key), default);

        Assert.Equal(key, created.RefKey);
        Assert.Equal(1, _onec.Count("POST", Counterparties));
    }

    [Fact]
    public async Task CreateCounterparty_500Minus1_BusinessWithoutReadBack()
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Counterparties, "POST"), Fake1C.ODataError(500, "-1", "Ошибка при выполнении обработчика - 'ОбработкаЗаполнения'"));

        var e = await Assert.ThrowsAsync<OneCException>(() => _onec.Accounting().CreateCounterpartyAsync(Draft(key), default));

        Assert.Equal(OneCErrorKind.Business, e.Kind);
        Assert.Equal("-1", e.Code);
        Assert.Contains("ОбработкаЗаполнения", e.Message, StringComparison.Ordinal);
        Assert.Single(_onec.Log);
    }

    [Fact]
    public async Task CreateCounterparty_PersonWithPhone_KindAndContactRow()
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Counterparties, "POST"), Fake1C.Json(Entity(key), 201));

        await _onec.Accounting().CreateCounterpartyAsync(new() { RefKey = key, Description = "Иванов Иван", IsPerson = true, Phone = "+7 900 000-00-00" }, default);

        var body = SentBody();
        Assert.Equal(key.ToString(), (string?)body["Ref_Key"]);
        Assert.Equal("ФизическоеЛицо", (string?)body["ЮридическоеФизическоеЛицо"]);
        var row = (JObject)((JArray)body["КонтактнаяИнформация"]!).Single();
        Assert.Equal(1, (int)row["LineNumber"]!);
        Assert.Equal("Телефон", (string?)row["Тип"]);
        Assert.Equal("+7 900 000-00-00", (string?)row["НомерТелефона"]);
        Assert.Equal("+7 900 000-00-00", (string?)row["Представление"]);
    }

    [Fact]
    public async Task CreateInvoice_Body_UnpostedWithCompositeItemAndVatPerLine()
    {
        var key = Guid.NewGuid();
        var item = Guid.NewGuid();
        var bank = Guid.NewGuid();
        _onec.On(Fake1C.At(Invoices, "POST"), Fake1C.Json($$"""{"Ref_Key":"{{key}}","Number":"0000-000045","DataVersion":"AA==","Posted":false,"DeletionMark":false,"СуммаДокумента":12000,"Контрагент_Key":"00000000-0000-0000-0000-000000000000"}""", 201));
        var draft = new OneCInvoiceDraft
        {
            RefKey = key,
            Date = new DateTime(2024, 1, 15, 10, 30, 0),
            Organization = Guid.NewGuid(),
            BankAccount = bank,
            Counterparty = Guid.NewGuid(),
            VatRate = "НДС20",
            Comment = "Сделка #4711",
            Lines = [new OneCInvoiceLine(item, "Внедрение CRM", 2, 5000, 10000), new OneCInvoiceLine(item, "Обучение", 1, 2000, 2000)],
        };

        var invoice = await _onec.Accounting().CreateInvoiceAsync(draft, default);

        Assert.Equal("0000-000045", invoice.Number);
        Assert.Null(invoice.Counterparty);
        var body = SentBody();
        Assert.Equal("2024-01-15T10:30:00", (string?)body["Date"]);
        Assert.False((bool)body["Posted"]!);
        Assert.True((bool)body["СуммаВключаетНДС"]!);
        Assert.Equal(12000m, (decimal)body["СуммаДокумента"]!);
        Assert.Equal(bank.ToString(), (string?)body["СтруктурнаяЕдиница"]);
        Assert.Equal("StandardODATA.Catalog_БанковскиеСчета", (string?)body["СтруктурнаяЕдиница_Type"]);
        var rows = (JArray)body["Товары"]!;
        Assert.Equal(2, rows.Count);
        Assert.Equal("StandardODATA.Catalog_Номенклатура", (string?)rows[0]["Номенклатура_Type"]);
        Assert.Equal(item.ToString(), (string?)rows[0]["Номенклатура"]);
        Assert.Equal(1666.67m, (decimal)rows[0]["СуммаНДС"]!);
        Assert.Equal(333.33m, (decimal)rows[1]["СуммаНДС"]!);
        Assert.Equal(2, (int)rows[1]["LineNumber"]!);
        Assert.Equal("НДС20", (string?)rows[1]["СтавкаНДС"]);
    }

    [Fact]
    public async Task UpdateInvoice_Patch_SendsWholeTableOnce()
    {
        var key = Guid.NewGuid();
        _onec.On(Fake1C.At(Fake1C.KeyPath(Invoices, key), "PATCH"), Fake1C.Json($$"""{"Ref_Key":"{{key}}","DataVersion":"AB==","Posted":false,"СуммаДокумента":1500}"""));

        var invoice = await _onec.Accounting().UpdateInvoiceAsync(new() { RefKey = key, Date = default, Organization = default, Counterparty = default, Lines = [new(Guid.NewGuid(), "x", 1, 1500, 1500)] }, default);

        Assert.Equal(1500m, invoice.Total);
        Assert.Equal("AB==", invoice.DataVersion);
        var body = SentBody();
        Assert.Single((JArray)body["Товары"]!);
        Assert.Null(body["Ref_Key"]);
    }

    [Fact]
    public async Task ReceiptsSince_BothSets_SelectTablePartFieldsAndMapLines()
    {
        var invoice = Guid.NewGuid();
        var counterparty = Guid.NewGuid();
        _onec.On(Fake1C.At("Document_ПоступлениеНаРасчетныйСчет"), Fake1C.Json($$"""
            {"value":[{"Ref_Key":"{{Guid.NewGuid()}}","Number":"0000-000312","Date":"2024-01-20T12:00:00","Posted":true,"DeletionMark":false,"СуммаДокумента":5000,
              "Контрагент":"{{counterparty}}","Контрагент_Type":"StandardODATA.Catalog_Контрагенты","НазначениеПлатежа":"Оплата по счёту 45",
              "РасшифровкаПлатежа":[{"LineNumber":"1","СчетНаОплату_Key":"{{invoice}}","СуммаПлатежа":3000},{"LineNumber":"2","СчетНаОплату_Key":"00000000-0000-0000-0000-000000000000","СуммаПлатежа":2000}]}]}
            """));
        _onec.On(Fake1C.At("Document_ПриходныйКассовыйОрдер"), Fake1C.Json("""{"value":[]}"""));

        var receipts = await _onec.Accounting().ReceiptsSinceAsync(new DateTime(2024, 1, 1), default);

        var receipt = Assert.Single(receipts);
        Assert.Equal(OneCReceiptKind.Bank, receipt.Kind);
        Assert.Equal(new DateTime(2024, 1, 20, 12, 0, 0), receipt.Date);
        Assert.Equal(counterparty, receipt.Counterparty);
        Assert.Equal([new OneCReceiptLine(invoice, 3000), new OneCReceiptLine(null, 2000)], receipt.Lines);
        Assert.Equal(2, _onec.Log.Count);
        var query = _onec.Log[0].RequestMessage.Query!;
        Assert.Equal("Date ge datetime'2024-01-01T00:00:00'", query["$filter"].Single());
        Assert.Contains("РасшифровкаПлатежа/СчетНаОплату_Key,РасшифровкаПлатежа/СуммаПлатежа", query["$select"].Single(), StringComparison.Ordinal);
    }
}
