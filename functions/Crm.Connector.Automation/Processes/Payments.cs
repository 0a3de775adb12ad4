using System.Collections;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>
/// Payments in parts (seed 004, body shop): «Внесено» is the sum of the values of the multiple money field «Платежи»,
/// «Осталось оплатить» the deal's amount minus that — negative when the client overpaid, which the manager should see.
/// Recomputed whenever the payments or the amount change. Blank values are skipped; money reads as "amount|currency".
/// </summary>
public sealed class Payments : IProcessRule
{
    public string Kind => PaymentsProcess.Kind;

    /// <summary>The sum of <paramref name="payments"/> and what is left of <paramref name="amount"/>, both to 2 decimals.</summary>
    public static (decimal Paid, decimal Remaining) Compute(object? payments, object? amount)
    {
        var values = payments switch
        {
            null => [],
            string s => [s],
            IEnumerable list => list.Cast<object?>(),
            _ => [payments],
        };
        var paid = values.Select(FieldValues.Money).Sum(v => v ?? 0);
        var total = FieldValues.Money(amount) ?? 0;
        return (Math.Round(paid, 2, MidpointRounding.AwayFromZero), Math.Round(total - paid, 2, MidpointRounding.AwayFromZero));
    }

    public bool IsTriggeredBy(ProcessDefinition definition, ItemChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return definition is PaymentsProcess process && (change.ChangedFields.Contains(process.PaymentsField) || change.ChangedFields.Contains(process.AmountField));
    }

    public ProcessDecision Decide(ProcessDefinition definition, ItemState item, ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (definition is not PaymentsProcess process)
        {
            return ProcessDecision.None;
        }

        var (paid, remaining) = Compute(item[process.PaymentsField], item[process.AmountField]);
        return new ProcessDecision
        {
            SetFields = new Dictionary<string, object?>(StringComparer.Ordinal) { [process.PaidField] = paid, [process.RemainingField] = remaining },
            Returns = new Dictionary<string, object?>(StringComparer.Ordinal) { ["paid"] = paid, ["remaining"] = remaining },
            Reason = $"payments: paid {paid}, remaining {remaining}",
        };
    }
}
