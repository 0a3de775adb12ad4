using System.Diagnostics;
using Crm.Connector.Bitrix24;
using Crm.Connector.Installer;
using Crm.Connector.Sandbox.OneC;
using Crm.Connector.Storage;
using Crm.Connector.Storage.OneC;
using Crm.Connector.Templates.Model.Processes;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Hosting;

/// <summary>
/// The demo's 1C part (seed 000's two-way integration): a sandbox 1C is started in the process and connected to the demo
/// portal's installation; the demo deal moves to the invoice stage and gets its invoice in 1C, then a prepayment entered
/// in 1C comes back as «Оплачено» / «Осталось оплатить» and moves the deal on.
/// </summary>
internal static class DemoOneC
{
    public static async Task<SandboxOneC?> ShowAsync(IServiceProvider services, Bitrix24Client portal, string memberId, string dealId, ILogger log, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IStore>();
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        var template = await services.GetRequiredService<Bitrix24.TemplateProvider>().GetAsync(installation?.TemplateKey ?? string.Empty);
        if (template.Processes.OfType<OneCSyncProcess>().FirstOrDefault() is not { InvoiceStages.Count: > 0 } sync || sync.InvoiceStages[0].Pipeline is not { } pipeline)
        {
            return null;
        }

        var oneC = await SandboxOneC.StartAsync();
        await store.OneC.SaveConnectionAsync(
            new OneCConnectionSettings { MemberId = memberId, ServiceRoot = oneC.ServiceRoot.AbsoluteUri, User = oneC.User, Password = oneC.Password, Organization = oneC.Organization, BankAccount = oneC.BankAccount, ServiceItem = oneC.ServiceItem },
            cancellationToken);
        var ledger = await store.Ledgers.LoadAsync(memberId, template.Key, cancellationToken);
        var invoiceStage = ledger.Get(ResourceKey.Stage(pipeline, sync.InvoiceStages[0].Stage))?.Code;
        var clock = Stopwatch.StartNew();
        // The passport data the contract stage asks for, so the deal is not sent back from the invoice stage.
        var fields = new JObject { ["OPPORTUNITY"] = 30_000, ["STAGE_ID"] = invoiceStage };
        foreach (var required in template.Fields.Deal.Where(f => f.RequiredFrom.Count > 0 && f.Type == Templates.Model.FieldType.String))
        {
            fields[Bitrix24.Work.ItemMapper.RawName(required.Code)] = "4510 123456";
        }

        await portal.CallAsync("crm.deal.update", new JObject { ["id"] = dealId, ["fields"] = fields }, cancellationToken);
        var numberField = Bitrix24.Work.ItemMapper.RawName(sync.InvoiceNumberField);
        var deal = await WaitAsync(portal, dealId, d => d.Value<string>(numberField) is { Length: > 0 }, cancellationToken);
        if (deal is null)
        {
            DemoLog.OneCNoResult(log, dealId, "the invoice number");
            return oneC;
        }

        var invoice = oneC.All("Document_СчетНаОплатуПокупателю").Single();
        var number = deal.Value<string>(numberField)!;
        var elapsed = (long)clock.Elapsed.TotalMilliseconds;
        DemoLog.OneCInvoiced(log, dealId, number, elapsed, oneC.ServiceRoot);
        clock.Restart();
        var today = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).DateTime;
        oneC.AddReceipt(SandboxReceiptKind.Bank, Guid.Parse(invoice.Value<string>("Ref_Key")!), 10_000m, today);
        var paidField = sync.PaidField is { } paid ? Bitrix24.Work.ItemMapper.RawName(paid) : numberField;
        deal = await WaitAsync(portal, dealId, d => d.Value<string>(paidField) is { Length: > 0 } text && !text.StartsWith('0'), cancellationToken);
        if (deal is null)
        {
            DemoLog.OneCNoResult(log, dealId, "the payment");
            return oneC;
        }

        var remaining = sync.RemainingField is { } field ? deal.Value<string>(Bitrix24.Work.ItemMapper.RawName(field)) : null;
        var paidText = deal.Value<string>(paidField)!;
        var stage = deal.Value<string>("STAGE_ID")!;
        elapsed = (long)clock.Elapsed.TotalMilliseconds;
        DemoLog.OneCPaid(log, dealId, paidText, remaining ?? "?", stage, elapsed);
        return oneC;
    }

    private static async Task<JObject?> WaitAsync(Bitrix24Client portal, string dealId, Func<JObject, bool> condition, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            if ((await portal.CallAsync("crm.deal.get", new JObject { ["id"] = dealId }, cancellationToken)).Result is JObject deal && condition(deal))
            {
                return deal;
            }
        }

        return null;
    }
}
