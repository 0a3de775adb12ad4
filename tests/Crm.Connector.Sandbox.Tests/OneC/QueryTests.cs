using System.Net;
using Crm.Connector.Sandbox.OneC;

namespace Crm.Connector.Sandbox.Tests.OneC;

/// <summary>§1.4 querying: $filter subset, composite fields (§1.3), paging without nextLink, $inlinecount, $select.</summary>
public sealed class QueryTests : OneCTest
{
    [Fact]
    public async Task Filter_StringWithDoubledQuote_FindsOnlyThatRow()
    {
        await CreateAsync(Counterparties, """{"Description":"О'Нил","ИНН":"7701234567"}""");
        await CreateAsync(Counterparties, """{"Description":"Другой","ИНН":"7701234567"}""");

        var rows = (await Http.QueryAsync(Counterparties, ("$filter", "ИНН eq '7701234567' and Description eq 'О''Нил'"))).Values;

        Assert.Equal(["О'Нил"], rows.Select(r => r.Value<string>("Description")));
    }

    [Fact]
    public async Task Filter_DateGeDatetimePostedAndDeletionMark_KeepsOnlyMatchingReceipts()
    {
        var match = Sandbox.AddReceipt(SandboxReceiptKind.Bank, null, 100m, new DateTime(2024, 1, 20, 12, 0, 0));
        Sandbox.AddReceipt(SandboxReceiptKind.Bank, null, 100m, new DateTime(2023, 12, 31, 23, 59, 59));
        Sandbox.AddReceipt(SandboxReceiptKind.Bank, null, 100m, new DateTime(2024, 2, 1), posted: false);
        var deleted = Sandbox.AddReceipt(SandboxReceiptKind.Bank, null, 100m, new DateTime(2024, 2, 2));
        Sandbox.Edit(BankReceipts, deleted, new Newtonsoft.Json.Linq.JObject { ["DeletionMark"] = true });

        var rows = (await Http.QueryAsync(BankReceipts, ("$filter", "Date ge datetime'2024-01-01T00:00:00' and Posted eq true and DeletionMark eq false"))).Values;

        Assert.Equal([match.ToString()], rows.Select(r => r.Value<string>("Ref_Key")));
    }

    [Fact]
    public async Task Filter_CompositeCounterparty_MatchesOnlyWithCast()
    {
        var counterparty = Guid.NewGuid();
        var receipt = Sandbox.AddReceipt(SandboxReceiptKind.Bank, null, 100m, new DateTime(2024, 1, 20), counterparty);
        Sandbox.AddReceipt(SandboxReceiptKind.Bank, null, 100m, new DateTime(2024, 1, 20), Guid.NewGuid());

        var cast = (await Http.QueryAsync(BankReceipts, ("$filter", $"Контрагент eq cast(guid'{counterparty}', 'Catalog_Контрагенты')"))).Values;
        var plain = (await Http.QueryAsync(BankReceipts, ("$filter", $"Контрагент eq guid'{counterparty}'"))).Values;
        var wrongType = (await Http.QueryAsync(BankReceipts, ("$filter", $"Контрагент eq cast(guid'{counterparty}', 'Catalog_Организации')"))).Values;

        Assert.Equal([receipt.ToString()], cast.Select(r => r.Value<string>("Ref_Key")));
        Assert.Empty(plain);
        Assert.Empty(wrongType);
    }

    [Fact]
    public async Task Filter_SubstringofOrNotAndParentheses_Evaluate()
    {
        await CreateAsync(Counterparties, """{"Description":"Ромашка ООО","ИНН":"1"}""");
        await CreateAsync(Counterparties, """{"Description":"Лютик ИП","ИНН":"2"}""");
        await CreateAsync(Counterparties, """{"Description":"Василёк АО","ИНН":"3"}""");

        var rows = (await Http.QueryAsync(Counterparties, ("$filter", "(substringof('ромашка', Description) or ИНН eq '2') and not (ИНН eq '3')"))).Values;

        Assert.Equal(["1", "2"], rows.Select(r => r.Value<string>("ИНН")));
    }

    [Theory]
    [InlineData("Нет eq '1'")]
    [InlineData("ИНН eq")]
    [InlineData("ИНН+eq+'1'")]
    [InlineData("length(ИНН) eq 10")]
    public async Task Filter_UnknownFieldOrBadSyntax_Is400Code14(string filter)
    {
        var reply = await Http.QueryAsync(Counterparties, ("$filter", filter));

        Assert.Equal("14", reply.ErrorCode(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Paging_TopSkipOrderByRefKey_WalksEveryRowOnceWithoutNextLink()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(Counterparties, $$"""{"Ref_Key":"{{Guid.NewGuid()}}","Description":"К{{i}}"}""");
        }

        var seen = new List<string>();
        for (var skip = 0; ; skip += 2)
        {
            var page = await Http.QueryAsync(Counterparties, ("$orderby", "Ref_Key"), ("$top", "2"), ("$skip", skip.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Null(page.Expect(HttpStatusCode.OK)["odata.nextLink"]);
            seen.AddRange(page.Values.Select(r => r.Value<string>("Ref_Key")!));
            if (page.Values.Count < 2)
            {
                break;
            }
        }

        var expected = Sandbox.All(Counterparties).Select(c => Guid.Parse(c.Value<string>("Ref_Key")!)).Order().Select(g => g.ToString()).ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task InlineCount_AllPages_IsAStringAndIgnoresTopAndSkip()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(Counterparties, $$"""{"Description":"К{{i}}"}""");
        }

        var body = (await Http.QueryAsync(Counterparties, ("$top", "1"), ("$skip", "1"), ("$inlinecount", "allpages"))).Expect(HttpStatusCode.OK);

        Assert.Equal(JTokenTypeString, body["odata.count"]!.Type);
        Assert.Equal("3", body.Value<string>("odata.count"));
        Assert.Equal(3, body["value"]!.Count());
    }

    [Fact]
    public async Task Select_TablePartField_KeepsOnlyThoseRowFields()
    {
        var invoice = Guid.NewGuid();
        Sandbox.AddReceipt(SandboxReceiptKind.Bank, invoice, 5000m, new DateTime(2024, 1, 20));

        var row = (await Http.QueryAsync(BankReceipts, ("$select", "Ref_Key,СуммаДокумента,РасшифровкаПлатежа/СчетНаОплату_Key"))).Values.Single();

        Assert.Equal(["Ref_Key", "СуммаДокумента", "РасшифровкаПлатежа"], row.Properties().Select(p => p.Name));
        var line = (Newtonsoft.Json.Linq.JObject)row["РасшифровкаПлатежа"]!.Single();
        Assert.Equal(["СчетНаОплату_Key"], line.Properties().Select(p => p.Name));
        Assert.Equal(invoice.ToString(), line.Value<string>("СчетНаОплату_Key"));
    }

    [Fact]
    public async Task OrderBy_NumberDesc_ReversesCreationOrder()
    {
        await CreateAsync(Invoices, "{}");
        await CreateAsync(Invoices, "{}");

        var rows = (await Http.QueryAsync(Invoices, ("$orderby", "Number desc"), ("$select", "Number"))).Values;

        Assert.Equal(["0000-000002", "0000-000001"], rows.Select(r => r.Value<string>("Number")));
    }

    private const Newtonsoft.Json.Linq.JTokenType JTokenTypeString = Newtonsoft.Json.Linq.JTokenType.String;
}
