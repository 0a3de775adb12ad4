using System.Net;
using Crm.Connector.Sandbox.OneC;

namespace Crm.Connector.Sandbox.Tests.OneC;

/// <summary>Injected faults (lost answers, the web server's 503, HTML with 200), receipts entered by the accountant, and the counters.</summary>
public sealed class FaultAndStatsTests : OneCTest
{
    [Fact]
    public async Task LoseCreateAnswers_ClientSeesAnAbortedConnectionButTheEntityExists()
    {
        var key = Guid.NewGuid();
        Sandbox.Faults.LoseCreateAnswers = 1;

        await Assert.ThrowsAsync<HttpRequestException>(() => Http.PostAsync(Invoices + "?$format=json", $$"""{"Ref_Key":"{{key}}"}"""));
        var read = (await Http.GetAsync(Invoices + OneCHttp.Key(key) + "?$format=json")).Expect(HttpStatusCode.OK);

        Assert.Equal(key.ToString(), read.Value<string>("Ref_Key"));
        Assert.Equal(0, Sandbox.Faults.LoseCreateAnswers);
    }

    [Fact]
    public async Task Down_EveryRequestIs503HtmlEvenWithoutAuth()
    {
        Sandbox.Faults.Down = true;

        var read = await Http.QueryAsync(Counterparties);
        var anonymous = await Http.SendAsync(HttpMethod.Get, "?$format=json", authenticate: false);
        Sandbox.Faults.Down = false;
        var after = await Http.QueryAsync(Counterparties);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "text/html"), (read.Status, read.MediaType));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymous.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task HtmlOkAnswers_Is200TextHtmlAndNothingIsWritten()
    {
        Sandbox.Faults.HtmlOkAnswers = 1;

        var reply = await Http.PostAsync(Counterparties + "?$format=json", """{"Description":"Не записан"}""");
        var next = await Http.PostAsync(Counterparties + "?$format=json", """{"Description":"Записан"}""");

        Assert.Equal((HttpStatusCode.OK, "text/html"), (reply.Status, reply.MediaType));
        Assert.Null(reply.Json);
        Assert.Equal(HttpStatusCode.Created, next.Status);
        Assert.Equal(["Записан"], Sandbox.All(Counterparties).Select(c => c.Value<string>("Description")));
    }

    [Fact]
    public async Task Latency_DelaysTheAnswer()
    {
        Sandbox.Faults.Latency = TimeSpan.FromSeconds(5);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Sandbox.ServiceRoot, "?$format=json"));
        request.Headers.Authorization = OneCHttp.Basic(Sandbox.User, Sandbox.Password);
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(request));
        Sandbox.Faults.Latency = TimeSpan.Zero;
        (await Http.GetAsync("?$format=json")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_AsAccountant_IsSeenOverHttpWithANewDataVersion()
    {
        var created = await CreateAsync(Invoices, "{}");
        var key = Guid.Parse(created.Value<string>("Ref_Key")!);

        Sandbox.Post(Invoices, key);
        var read = (await Http.GetAsync(Invoices + OneCHttp.Key(key) + "?$format=json")).Expect(HttpStatusCode.OK);

        Assert.True(read.Value<bool>("Posted"));
        Assert.NotEqual(created.Value<string>("DataVersion"), read.Value<string>("DataVersion"));
        Assert.Throws<ArgumentException>(() => Sandbox.Post(Counterparties, Sandbox.Organization));
    }

    [Fact]
    public async Task AddReceipt_IsVisibleOverHttpWithItsPaymentRow()
    {
        var invoice = Guid.NewGuid();
        var counterparty = Guid.NewGuid();

        var key = Sandbox.AddReceipt(SandboxReceiptKind.Cash, invoice, 1500.50m, new DateTime(2024, 3, 1, 10, 0, 0), counterparty, purpose: "Оплата по счёту");
        var read = (await Http.GetAsync("Document_ПриходныйКассовыйОрдер" + OneCHttp.Key(key) + "?$format=json")).Expect(HttpStatusCode.OK);

        Assert.Equal(("2024-03-01T10:00:00", true, 1500.50m), (read.Value<string>("Date"), read.Value<bool>("Posted"), read.Value<decimal>("СуммаДокумента")));
        Assert.Equal((counterparty.ToString(), "StandardODATA.Catalog_Контрагенты"), (read.Value<string>("Контрагент"), read.Value<string>("Контрагент_Type")));
        var row = read["РасшифровкаПлатежа"]!.Single();
        Assert.Equal(("1", invoice.ToString(), 1500.50m), (row.Value<string>("LineNumber"), row.Value<string>("СчетНаОплату_Key"), row.Value<decimal>("СуммаПлатежа")));
        Assert.Equal(Sandbox.Organization.ToString(), read.Value<string>("Организация_Key"));
    }

    [Fact]
    public async Task AddReceipt_WithoutInvoice_HasAnEmptyInvoiceKey()
    {
        var key = Sandbox.AddReceipt(SandboxReceiptKind.Bank, null, 10m, new DateTime(2024, 3, 1));

        var row = (await Http.GetAsync(BankReceipts + OneCHttp.Key(key) + "?$format=json")).Expect(HttpStatusCode.OK)["РасшифровкаПлатежа"]!.Single();

        Assert.Equal(Guid.Empty.ToString(), row.Value<string>("СчетНаОплату_Key"));
    }

    [Fact]
    public async Task Stats_CountRequestsReadsWritesAndBySetUntilReset()
    {
        Sandbox.ResetStats();

        var key = Guid.Parse((await CreateAsync(Invoices, $$"""{"Организация_Key":"{{Sandbox.Organization}}"}""")).Value<string>("Ref_Key")!);
        await Http.PostAsync(Invoices + OneCHttp.Key(key) + "/Post");
        await Http.QueryAsync(Invoices);
        await Http.QueryAsync(Invoices);
        await Http.SendAsync(HttpMethod.Get, "?$format=json", authenticate: false);

        Assert.Equal((5, 2, 2), (Sandbox.Stats.Requests, Sandbox.Stats.Reads, Sandbox.Stats.Writes));
        Assert.Equal(1, Sandbox.Stats.CountOf("POST", Invoices));
        Assert.Equal(1, Sandbox.Stats.CountOf("POST", Invoices + "/Post"));
        Assert.Equal(2, Sandbox.Stats.CountOf("GET", Invoices));
        Sandbox.ResetStats();
        Assert.Equal((0, 0), (Sandbox.Stats.Requests, Sandbox.Stats.CountOf("GET", Invoices)));
    }
}
