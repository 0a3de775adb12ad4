using System.Globalization;
using Crm.Connector.Installer;
using Crm.Connector.Sandbox.OneC;
using Crm.Connector.Storage.OneC;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>
/// Two-way 1C sync end to end (seed 000, driving school): the sandbox portal and the sandbox 1C on loopback, the app
/// between them. A deal entering «Выставление счета» gets one invoice in 1C whatever fails on the way; payments entered
/// in 1C come back as «Оплачено» / «Осталось оплатить» and move the deal. (Two classes, so that they run side by side.)
/// </summary>
public sealed class OneCInvoiceTests
{
    internal const string Invoices = "Document_СчетНаОплатуПокупателю";

    internal const string Counterparties = "Catalog_Контрагенты";

    /// <summary>The timer polls every 5 s; receipts are read at every tick, failed work is retried a second later.</summary>
    private static readonly Dictionary<string, string> Fast = new()
    {
        ["OneC__PollEvery"] = "00:00:01",
        ["OneC__RetryAfter"] = "00:00:01",
        ["OneC__MaxRetryDelay"] = "00:00:02",
    };

    [Fact]
    public async Task DealToInvoiceStage_InvoiceIn1C_ThenPrepaymentAndTheRest_DealPaidAndMovedTwice()
    {
        await using var oneC = await SandboxOneC.StartAsync();
        await using var harness = await StartAsync(oneC);
        var deal = await AddDealAsync(harness, 12_000m);

        await MoveAsync(harness, deal, "INVOICE");
        var number = await WaitForInvoiceNumberAsync(harness, deal);

        var invoice = Assert.Single(oneC.All(Invoices));
        Assert.Equal((number, 12_000m, false), (invoice.Value<string>("Number"), invoice.Value<decimal>("СуммаДокумента"), invoice.Value<bool>("Posted")));
        var person = oneC.Find(Counterparties, Guid.Parse(invoice.Value<string>("Контрагент_Key")!))!;
        Assert.Equal(("Пётр Иванов", "ФизическоеЛицо"), (person.Value<string>("Description"), person.Value<string>("ЮридическоеФизическоеЛицо")));
        Assert.Contains($"[crm:{harness.MemberId}:deal:{deal}]", invoice.Value<string>("Комментарий"), StringComparison.Ordinal);
        await WaitForDealAsync(harness, deal, d => Money(d, "UF_CRM_REMAINING") == 12_000m, "«Осталось оплатить» 12000 with nothing paid");

        // The prepayment, by bank: paid and remaining written, the deal goes on to theory.
        var invoiceKey = Guid.Parse(invoice.Value<string>("Ref_Key")!);
        oneC.AddReceipt(SandboxReceiptKind.Bank, invoiceKey, 5_000m, Today());
        await WaitForDealAsync(harness, deal, d => Money(d, "UF_CRM_PAID") == 5_000m && Money(d, "UF_CRM_REMAINING") == 7_000m, "the prepayment to be written");
        await WaitForDealAsync(harness, deal, async d => d.Value<string>("STAGE_ID") == await StageAsync(harness, "THEORY"), "the deal to move to «Обучение теории»");

        // Moved by the app, the deal gets what the stage gives when a person moves it (the move's echo is a stage change):
        // the month's theory control task.
        await harness.WaitUntilAsync(
            () => Task.FromResult(harness.Sandbox.State()["tasks"]!.Count(t => t["ufCrmTask"]!.Values<string>().Contains($"D_{deal}") && t.Value<string>("title")!.StartsWith("Контроль обучения теории", StringComparison.Ordinal)) == 1),
            "the theory control task, once");

        // The rest, in cash, once the deal waits for it in «Получение оплаты»: paid in full, on to practice.
        await MoveAsync(harness, deal, "PAYMENT");
        oneC.AddReceipt(SandboxReceiptKind.Cash, invoiceKey, 7_000m, Today());
        await WaitForDealAsync(harness, deal, d => Money(d, "UF_CRM_PAID") == 12_000m && Money(d, "UF_CRM_REMAINING") == 0m, "the rest to be written");
        await WaitForDealAsync(harness, deal, async d => d.Value<string>("STAGE_ID") == await StageAsync(harness, "PRACTICE"), "the deal to move to «Обучение практике»");
        await harness.WaitUntilAsync(
            () => Task.FromResult(harness.Sandbox.State()["tasks"]!.Count(t => t["ufCrmTask"]!.Values<string>().Contains($"D_{deal}") && t.Value<string>("title")!.StartsWith("Контроль обучения практике", StringComparison.Ordinal)) == 1),
            "the practice control task, once");

        Assert.Equal(1, oneC.Stats.CountOf("POST", Invoices));
        var link = await harness.Store.OneC.GetInvoiceAsync(harness.MemberId, "deal", deal);
        Assert.Equal((1_200_000L, 1_200_000L, (string?)null), (link!.Total, link.Paid, link.Conflict));
    }

    [Fact]
    public async Task TheCreatesAnswersAreLost_StillOneCounterpartyAndOneInvoice()
    {
        await using var oneC = await SandboxOneC.StartAsync();
        await using var harness = await StartAsync(oneC);
        var deal = await AddDealAsync(harness, 9_500m);

        // 1C makes the counterparty and the invoice, and both answers are lost on the way back.
        oneC.Faults.LoseCreateAnswers = 2;
        await MoveAsync(harness, deal, "INVOICE");
        var number = await WaitForInvoiceNumberAsync(harness, deal);

        Assert.Equal(number, Assert.Single(oneC.All(Invoices)).Value<string>("Number"));
        Assert.Single(oneC.All(Counterparties), c => c.Value<string>("ЮридическоеФизическоеЛицо") == "ФизическоеЛицо");
        Assert.Equal(1, oneC.Stats.CountOf("POST", Invoices));
        Assert.Equal(1, oneC.Stats.CountOf("POST", Counterparties));
    }

    [Fact]
    public async Task OneCDownForAWhile_TheInvoiceWaitsAndIsMadeOnceWhenItIsBack()
    {
        await using var oneC = await SandboxOneC.StartAsync();
        await using var harness = await StartAsync(oneC);
        var deal = await AddDealAsync(harness, 8_000m);

        oneC.Faults.Down = true;
        await MoveAsync(harness, deal, "INVOICE");
        await harness.WaitUntilAsync(() => Task.FromResult(oneC.Stats.Requests >= 6), "the app to try 1C (twice, each read tried three times)", TimeSpan.FromSeconds(60));
        Assert.Empty(oneC.All(Invoices));

        oneC.Faults.Down = false;
        await WaitForInvoiceNumberAsync(harness, deal);
        Assert.Single(oneC.All(Invoices));
        Assert.Equal(1, oneC.Stats.CountOf("POST", Invoices));
    }

    internal static async Task<AppHarness> StartAsync(SandboxOneC oneC)
    {
        var harness = await AppHarness.StartAsync(settings: Fast);
        await harness.InstallAsync();
        await harness.Store.OneC.SaveConnectionAsync(new OneCConnectionSettings
        {
            MemberId = harness.MemberId,
            ServiceRoot = oneC.ServiceRoot.AbsoluteUri,
            User = oneC.User,
            Password = oneC.Password,
            Organization = oneC.Organization,
            BankAccount = oneC.BankAccount,
            ServiceItem = oneC.ServiceItem,
        });
        return harness;
    }

    internal static async Task<long> AddDealAsync(AppHarness harness, decimal amount, bool passport = true)
    {
        var contact = (await harness.Portal.CallAsync("crm.contact.add", new JObject
        {
            ["fields"] = new JObject { ["NAME"] = "Пётр", ["LAST_NAME"] = "Иванов", ["PHONE"] = new JArray(new JObject { ["VALUE"] = "+7 (917) 123-45-78", ["VALUE_TYPE"] = "WORK" }) },
        })).Result!.Value<long>();
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "driving-school")).Get(ResourceKey.Pipeline("new-client"))!.PortalId;
        var fields = new JObject { ["TITLE"] = "Обучение категории B", ["CATEGORY_ID"] = category, ["STAGE_ID"] = await StageAsync(harness, "CONTRACT"), ["OPPORTUNITY"] = amount, ["CONTACT_ID"] = contact, ["ASSIGNED_BY_ID"] = 1, ["UF_CRM_PASSPORT"] = passport ? "4510 123456" : null };
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject { ["fields"] = fields })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");
        return id;
    }

    internal static async Task MoveAsync(AppHarness harness, long deal, string stage) =>
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["STAGE_ID"] = await StageAsync(harness, stage) } });

    internal static Task<string> StageAsync(AppHarness harness, string stage) =>
        AutomationFlowTests.StatusAsync(harness, "new-client", stage, "driving-school");

    internal static async Task<string> WaitForInvoiceNumberAsync(AppHarness harness, long deal)
    {
        string? number = null;
        await WaitForDealAsync(harness, deal, d => (number = d.Value<string>("UF_CRM_INVOICE_1C")) is { Length: > 0 }, "the 1C invoice number in the deal");
        return number!;
    }

    internal static Task WaitForDealAsync(AppHarness harness, long deal, Func<JObject, bool> condition, string what) =>
        WaitForDealAsync(harness, deal, d => Task.FromResult(condition(d)), what);

    internal static Task WaitForDealAsync(AppHarness harness, long deal, Func<JObject, Task<bool>> condition, string what) =>
        harness.WaitUntilAsync(async () => await condition((JObject)(await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = deal })).Result!), what, TimeSpan.FromSeconds(60));

    /// <summary>A money field's amount (<c>"5000|RUB"</c> or a plain number); 0 when empty.</summary>
    internal static decimal Money(JObject deal, string field) =>
        deal.Value<string>(field) is { Length: > 0 } text ? decimal.Parse(text.Split('|')[0], NumberStyles.Number, CultureInfo.InvariantCulture) : 0m;

    internal static DateTime Today() => TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).DateTime;
}

/// <summary>The deal changed after its invoice was made: patched while the invoice is the app's to change, a conflict once 1C owns it.</summary>
public sealed class OneCChangeTests
{
    [Fact]
    public async Task DealSentBackFromTheInvoiceStage_ARequiredFieldMissing_NoInvoiceIsMade()
    {
        await using var oneC = await SandboxOneC.StartAsync();
        await using var harness = await OneCInvoiceTests.StartAsync(oneC);
        var deal = await OneCInvoiceTests.AddDealAsync(harness, 12_000m, passport: false);
        var contract = await OneCInvoiceTests.StageAsync(harness, "CONTRACT");

        // «Паспортные данные» is required from «Заключение договора» on: the deal goes back, and 1C hears nothing.
        await OneCInvoiceTests.MoveAsync(harness, deal, "INVOICE");
        await OneCInvoiceTests.WaitForDealAsync(harness, deal, d => d.Value<string>("STAGE_ID") == contract, "the deal to be sent back");
        await harness.WaitUntilAsync(
            async () => (await harness.Store.Audit.ListAsync(harness.MemberId, "deal", deal)).Any(a => a.Cause.StartsWith("onec-sync:", StringComparison.Ordinal)),
            "the 1C process to have decided");
        await Task.Delay(TimeSpan.FromSeconds(12)); // two ticks of the 1C timer
        Assert.Empty(oneC.All(OneCInvoiceTests.Invoices));
        Assert.Null(await harness.Store.OneC.GetInvoiceAsync(harness.MemberId, "deal", deal));
    }

    [Fact]
    public async Task InvoicePostedIn1C_ThenTheDealsAmountChanges_ConflictRecorded_1CUntouched()
    {
        await using var oneC = await SandboxOneC.StartAsync();
        await using var harness = await OneCInvoiceTests.StartAsync(oneC);
        var deal = await OneCInvoiceTests.AddDealAsync(harness, 12_000m);
        await OneCInvoiceTests.MoveAsync(harness, deal, "INVOICE");
        await OneCInvoiceTests.WaitForInvoiceNumberAsync(harness, deal);
        var key = Guid.Parse(Assert.Single(oneC.All(OneCInvoiceTests.Invoices)).Value<string>("Ref_Key")!);

        // The accountant posts it; then the manager changes the amount in the CRM.
        oneC.Post(OneCInvoiceTests.Invoices, key);
        var posted = oneC.Find(OneCInvoiceTests.Invoices, key)!;
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["OPPORTUNITY"] = 15_000 } });

        await harness.WaitUntilAsync(async () => (await harness.Store.OneC.GetInvoiceAsync(harness.MemberId, "deal", deal))?.Conflict is not null, "the conflict to be recorded", TimeSpan.FromSeconds(60));
        var link = await harness.Store.OneC.GetInvoiceAsync(harness.MemberId, "deal", deal);
        Assert.Contains("проведён в 1С", link!.Conflict, StringComparison.Ordinal);
        var now = oneC.Find(OneCInvoiceTests.Invoices, key)!;
        Assert.Equal((posted.Value<string>("DataVersion"), 12_000m), (now.Value<string>("DataVersion"), now.Value<decimal>("СуммаДокумента")));
        Assert.Equal(0, oneC.Stats.CountOf("PATCH", OneCInvoiceTests.Invoices));
        await harness.WaitUntilAsync(
            async () => (await harness.Store.Audit.ListAsync(harness.MemberId, "deal", deal)).Any(a => a.Cause.Contains("1C conflict: счёт", StringComparison.Ordinal)),
            "the deal's responsible to be told of the conflict");
        Assert.Single(await harness.Store.Audit.ListAsync(harness.MemberId, "deal", deal), a => a.Action == "onecConflict");
    }

    [Fact]
    public async Task DealAmountChangedWhileTheInvoiceIsUnposted_TheInvoiceIsPatched_AndAStrayReceiptIsListed()
    {
        await using var oneC = await SandboxOneC.StartAsync();
        await using var harness = await OneCInvoiceTests.StartAsync(oneC);
        var deal = await OneCInvoiceTests.AddDealAsync(harness, 10_000m);
        await OneCInvoiceTests.MoveAsync(harness, deal, "INVOICE");
        await OneCInvoiceTests.WaitForInvoiceNumberAsync(harness, deal);

        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["OPPORTUNITY"] = 11_000 } });
        await OneCInvoiceTests.WaitForDealAsync(harness, deal, d => OneCInvoiceTests.Money(d, "UF_CRM_REMAINING") == 11_000m, "«Осталось оплатить» to follow the new amount");
        var invoice = Assert.Single(oneC.All(OneCInvoiceTests.Invoices));
        Assert.Equal(11_000m, invoice.Value<decimal>("СуммаДокумента"));

        // A payment from the same payer naming no invoice: listed for a person, not guessed onto the deal.
        var stray = oneC.AddReceipt(SandboxReceiptKind.Bank, null, 11_000m, OneCInvoiceTests.Today(), Guid.Parse(invoice.Value<string>("Контрагент_Key")!), purpose: "Оплата обучения");
        await harness.WaitUntilAsync(async () => (await harness.Store.OneC.UnmatchedAsync(harness.MemberId)).Any(r => r.RefKey == stray), "the stray receipt to be listed");
        Assert.Equal(0m, OneCInvoiceTests.Money((JObject)(await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = deal })).Result!, "UF_CRM_PAID"));
    }
}
