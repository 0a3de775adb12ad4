using System.Globalization;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>
/// The invoice step (seed 004, «Сформировать счёт»): an invoice for what is left to pay (or the whole amount, as the
/// template says), or — when the robot's «Располовинить?» is set — for its prepayment share, marked as prepayment;
/// it goes to the contact, the manager hears «Все ОК, ожидаем машину», the deal moves on. Nothing left to pay: no
/// invoice, the manager is told.
/// </summary>
public sealed class Invoice : IProcessRule
{
    public string Kind => InvoiceProcess.Kind;

    /// <summary>The invoice's amount: the basis (remaining, never below zero, or the amount), times the share when split; 2 decimals.</summary>
    public static decimal Amount(InvoiceProcess settings, decimal amount, decimal? remaining, bool split)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var basis = settings.AmountBasis == InvoiceAmountBasis.Amount ? amount : Math.Max(0, remaining ?? amount);
        return Math.Round(split ? basis * settings.PrepaymentShare : basis, 2, MidpointRounding.AwayFromZero);
    }

    public bool IsTriggeredBy(ProcessDefinition definition, ItemChange change) => false;

    public ProcessDecision Decide(ProcessDefinition definition, ItemState item, ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);
        if (definition is not InvoiceProcess process)
        {
            return ProcessDecision.None;
        }

        var split = process.SplitParameter is { } parameter && context.Properties.GetValueOrDefault(parameter) is "Y" or "1" or "true" or "True";
        var amount = FieldValues.Number(item[BuiltInFields.Amount]) ?? 0;
        var remaining = process.RemainingField is { } field ? FieldValues.Number(item[field]) : null;
        var total = Amount(process, amount, remaining, split);
        var title = FieldValues.Text(item[BuiltInFields.Title]) ?? string.Empty;
        if (total <= 0)
        {
            return new ProcessDecision
            {
                Notices = [new PlannedNotice(Templates.Model.Recipient.Responsible, $"«{title}»: оплачено полностью — счёт не нужен.")],
                Returns = new Dictionary<string, object?>(StringComparer.Ordinal) { ["invoiceAmount"] = 0m },
                Reason = "invoice: nothing left to pay",
            };
        }

        var text = total.ToString("0.00", CultureInfo.InvariantCulture);
        return new ProcessDecision
        {
            Invoice = new PlannedInvoice(split ? $"Предоплата по сделке «{title}»" : $"Счёт по сделке «{title}»", total, split),
            Notices = process.DoneMessage is { } done ? [new PlannedNotice(Templates.Model.Recipient.Responsible, Placeholders.Render(done.Get(), item, context.Describe))] : [],
            MoveToStage = process.NextStage,
            Returns = new Dictionary<string, object?>(StringComparer.Ordinal) { ["invoiceAmount"] = total },
            Reason = $"invoice: {text}" + (split ? " (prepayment)" : string.Empty),
        };
    }
}
