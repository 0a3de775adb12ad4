using System.Globalization;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>
/// The CRM side of the two-way 1C sync (seed 000). A deal entering an invoice stage — or a deal with an invoice whose
/// amount changes — hands a <see cref="JobKind"/> job to the 1C side with what the invoice needs (amount, payer, title);
/// nothing is decided about 1C here. 1C's answer comes back as facts (the robot-call properties of the context): the
/// invoice number, its total and what receipts paid — written to the deal, and a payment moves the deal as the template
/// says. A conflict the 1C side recorded (an invoice posted or edited in 1C) is told to the responsible, never resolved.
/// </summary>
public sealed class OneCSync : IProcessRule
{
    /// <summary>The job kind the 1C side runs.</summary>
    public const string JobKind = "onec.invoice";

    /// <summary>Fact names (context properties) the 1C side sends back.</summary>
    public const string NumberFact = "onec.number";

    public const string TotalFact = "onec.total";

    public const string PaidFact = "onec.paid";

    public const string ConflictFact = "onec.conflict";

    public string Kind => OneCSyncProcess.Kind;

    public bool IsTriggeredBy(ProcessDefinition definition, ItemChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (definition is not OneCSyncProcess process)
        {
            return false;
        }

        var item = change.After;
        if (change.StageEntered is { } stage && process.InvoiceStages.Any(s => s.Stage == stage && (s.Pipeline is null || s.Pipeline == item.Pipeline)))
        {
            return true;
        }

        // An invoice exists: what it is for changed, so 1C may need the new amount (while the invoice is still ours to change).
        return !FieldValues.IsBlank(item[process.InvoiceNumberField]) && change.Before is not null && change.ChangedFields.Contains(process.AmountField);
    }

    public ProcessDecision Decide(ProcessDefinition definition, ItemState item, ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);
        if (definition is not OneCSyncProcess process)
        {
            return ProcessDecision.None;
        }

        return context.Properties.ContainsKey(TotalFact) || context.Properties.ContainsKey(ConflictFact)
            ? FromOneC(process, item, context)
            : ToOneC(process, item, context);
    }

    /// <summary>The deal's side of the invoice, handed to 1C as a job; no amount: the responsible is told, nothing is sent.</summary>
    private static ProcessDecision ToOneC(OneCSyncProcess process, ItemState item, ProcessContext context)
    {
        var title = FieldValues.Text(item[BuiltInFields.Title]) ?? string.Empty;
        var amount = FieldValues.Money(item[process.AmountField]) ?? 0;
        if (amount <= 0)
        {
            return new ProcessDecision
            {
                Notices = [new PlannedNotice(Recipient.Responsible, $"Сделка «{title}»: сумма не указана — счёт в 1С не выставлен. Укажите сумму, и счёт будет выставлен.")],
                Reason = "1C: no amount, no invoice",
            };
        }

        var text = process.LineText is { } line ? Placeholders.Render(line.Get(), item, context.Describe) : $"Оплата по сделке «{title}»";
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["entity"] = item.Entity,
            ["id"] = item.Id.ToString(CultureInfo.InvariantCulture),
            ["title"] = title,
            ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["line"] = text,
            ["inn"] = Digits(process.InnField is { } inn ? FieldValues.Text(item[inn]) : null),
            ["kpp"] = Digits(process.KppField is { } kpp ? FieldValues.Text(item[kpp]) : null),
            ["person"] = FieldValues.Text(item["contact." + SystemFields.Name]) ?? title,
            ["phone"] = FieldValues.Text(First(item["contact." + SystemFields.Phone])),
        };
        return new ProcessDecision
        {
            Jobs = [new PlannedJob(JobKind, $"onec:{item.Entity}:{item.Id.ToString(CultureInfo.InvariantCulture)}:invoice", values)],
            Reason = $"1C: invoice for {values["amount"]} requested",
        };
    }

    /// <summary>What 1C says of the invoice, as the deal's fields; a payment's stage move; a conflict told to the responsible.</summary>
    private static ProcessDecision FromOneC(OneCSyncProcess process, ItemState item, ProcessContext context)
    {
        var title = FieldValues.Text(item[BuiltInFields.Title]) ?? string.Empty;
        if (context.Properties.GetValueOrDefault(ConflictFact) is { Length: > 0 } conflict)
        {
            return new ProcessDecision
            {
                Notices = [new PlannedNotice(Recipient.Responsible, $"Сделка «{title}»: {conflict}")],
                Comments = [$"1С: {conflict}"],
                Reason = $"1C conflict: {conflict}",
            };
        }

        var total = Number(context.Properties.GetValueOrDefault(TotalFact));
        var paid = Number(context.Properties.GetValueOrDefault(PaidFact));
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (context.Properties.GetValueOrDefault(NumberFact) is { Length: > 0 } number)
        {
            fields[process.InvoiceNumberField] = number;
        }

        if (process.PaidField is { } paidField)
        {
            fields[paidField] = paid;
        }

        if (process.RemainingField is { } remainingField)
        {
            fields[remainingField] = Math.Max(0, total - paid);
        }

        PaymentState? state = paid <= 0 ? null : paid >= total ? PaymentState.Paid : PaymentState.Prepaid;
        var move = state is null ? null : process.PaymentMoves.FirstOrDefault(m =>
            m.Pipeline == item.Pipeline && item.Stage is { } stage && m.From.Contains(stage) && (m.When == PaymentState.Prepaid || state == PaymentState.Paid));
        var paidText = paid.ToString("0.00", CultureInfo.InvariantCulture);
        var totalText = total.ToString("0.00", CultureInfo.InvariantCulture);
        return new ProcessDecision
        {
            SetFields = fields,
            MoveToStage = move?.To,
            Reason = $"1C: invoice {context.Properties.GetValueOrDefault(NumberFact)}, paid {paidText} of {totalText}" + (move is null ? string.Empty : $", moved to {move.To}"),
        };
    }

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string? Digits(string? text) =>
        text is null ? null : new string([.. text.Where(char.IsAsciiDigit)]) is { Length: > 0 } digits ? digits : null;

    private static object? First(object? value) =>
        value is System.Collections.IEnumerable list and not string ? list.Cast<object?>().FirstOrDefault() : value;
}
