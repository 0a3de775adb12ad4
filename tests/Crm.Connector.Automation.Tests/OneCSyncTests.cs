using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Time;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Tests;

/// <summary>The CRM side of the 1C sync: when a deal hands an invoice to 1C, and what 1C's facts do to the deal (seed 000).</summary>
public sealed class OneCSyncTests
{
    private static readonly OneCSyncProcess Process = new()
    {
        Key = "onec-sync",
        InvoiceStages = [new StageRef { Pipeline = "new-client", Stage = "INVOICE" }],
        InnField = "PAYER_INN",
        KppField = "PAYER_KPP",
        InvoiceNumberField = "INVOICE_1C",
        PaidField = "PAID",
        RemainingField = "REMAINING",
        LineText = LocalizedText.Plain("Обучение: {title}"),
        PaymentMoves =
        [
            new PaymentMove { Pipeline = "new-client", From = ["PAYMENT"], When = PaymentState.Paid, To = "PRACTICE" },
            new PaymentMove { Pipeline = "new-client", From = ["INVOICE", "PREPAYMENT"], When = PaymentState.Prepaid, To = "THEORY" },
        ],
    };

    [Theory]
    [InlineData("new-client", "CONTRACT", "INVOICE", null, false, true)] // entered the invoice stage
    [InlineData("retraining", "CONTRACT", "INVOICE", null, false, false)] // the same code in a pipeline the section does not name
    [InlineData("new-client", "INVOICE", "INVOICE", null, true, false)] // no move, no invoice yet: nothing to carry
    [InlineData("new-client", "THEORY", "THEORY", "0000-000045", true, true)] // an invoice exists and the amount changed
    [InlineData("new-client", "THEORY", "THEORY", "0000-000045", false, false)] // an invoice exists, nothing it is for changed
    public void IsTriggeredBy(string pipeline, string before, string after, string? number, bool amountChanged, bool expected)
    {
        var was = Deal(pipeline, before, 12_000m, number);
        var now = Deal(pipeline, after, amountChanged ? 15_000m : 12_000m, number);

        Assert.Equal(expected, new OneCSync().IsTriggeredBy(Process, ItemChange.Between(was, now, created: false)));
    }

    [Fact]
    public void Decide_OnTheDealsChange_HandsTheInvoiceTo1C_WithPayerAndLine()
    {
        var deal = Deal("new-client", "INVOICE", 12_000m, null, ("PAYER_INN", "77-01 234 567"), ("PAYER_KPP", "770101001"), ("contact.name", "Пётр Иванов"), ("contact.phone", new List<object?> { "+7 917 123-45-78" }));

        var decision = new OneCSync().Decide(Process, deal, ProcessContext.At(DateTimeOffset.UnixEpoch, BusinessCalendar.Default));

        var job = Assert.Single(decision.Jobs);
        Assert.Equal((OneCSync.JobKind, "onec:deal:7:invoice"), (job.Kind, job.Key));
        Assert.Equal(("12000.00", "7701234567", "770101001", "Пётр Иванов", "+7 917 123-45-78", "Обучение: Категория B"), (job.Values["amount"], job.Values["inn"], job.Values["kpp"], job.Values["person"], job.Values["phone"], job.Values["line"]));
        Assert.Empty(decision.SetFields);
    }

    [Fact]
    public void Decide_NoAmount_NoInvoice_TheResponsibleIsTold()
    {
        var decision = new OneCSync().Decide(Process, Deal("new-client", "INVOICE", 0m, null), ProcessContext.At(DateTimeOffset.UnixEpoch, BusinessCalendar.Default));

        Assert.Empty(decision.Jobs);
        Assert.Contains("сумма не указана", Assert.Single(decision.Notices).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INVOICE", "0", null, "12000")] // the invoice made: its number, nothing paid, no move
    [InlineData("PREPAYMENT", "5000", "THEORY", "7000")] // a prepayment: on to theory
    [InlineData("INVOICE", "12000", "THEORY", "0")] // paid in full at once while waiting for the prepayment: theory too
    [InlineData("THEORY", "5000", null, "7000")] // a payment while studying: no move
    [InlineData("PAYMENT", "11999.99", null, "0.01")] // not all of it yet
    [InlineData("PAYMENT", "12000", "PRACTICE", "0")] // the rest: on to practice
    [InlineData("PAYMENT", "13000", "PRACTICE", "0")] // overpaid: nothing left, never below zero
    public void Decide_OnAFactFrom1C_WritesNumberPaidRemaining_AndMovesAsTheTemplateSays(string stage, string paid, string? movedTo, string remaining)
    {
        var facts = new Dictionary<string, string> { [OneCSync.NumberFact] = "0000-000045", [OneCSync.TotalFact] = "12000.00", [OneCSync.PaidFact] = paid };

        var decision = new OneCSync().Decide(Process, Deal("new-client", stage, 12_000m, null), new ProcessContext(DateTimeOffset.UnixEpoch, BusinessCalendar.Default, facts));

        Assert.Equal(("0000-000045", decimal.Parse(paid, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(remaining, System.Globalization.CultureInfo.InvariantCulture)), (decision.SetFields["INVOICE_1C"], decision.SetFields["PAID"], decision.SetFields["REMAINING"]));
        Assert.Equal(movedTo, decision.MoveToStage);
        Assert.Empty(decision.Jobs);
    }

    [Fact]
    public void Decide_OnAConflictFrom1C_TellsTheResponsibleAndTheTimeline_WritesNothing()
    {
        var facts = new Dictionary<string, string> { [OneCSync.ConflictFact] = "счёт № 45 проведён в 1С — сумма в 1С не изменена." };

        var decision = new OneCSync().Decide(Process, Deal("new-client", "THEORY", 15_000m, "45"), new ProcessContext(DateTimeOffset.UnixEpoch, BusinessCalendar.Default, facts));

        Assert.Empty(decision.SetFields);
        Assert.Null(decision.MoveToStage);
        Assert.Contains("проведён в 1С", Assert.Single(decision.Notices).Message, StringComparison.Ordinal);
        Assert.Single(decision.Comments);
    }

    private static ItemState Deal(string pipeline, string stage, decimal amount, string? number, params (string Field, object? Value)[] more)
    {
        var fields = new Dictionary<string, object?> { ["title"] = "Категория B", ["pipeline"] = pipeline, ["stage"] = stage, ["amount"] = amount, ["INVOICE_1C"] = number };
        foreach (var (field, value) in more)
        {
            fields[field] = value;
        }

        return new ItemState("deal", 7, fields);
    }
}
