using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Time;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Tests;

/// <summary>Seed 004's invoice step: the remaining amount, or half of it as prepayment.</summary>
public sealed class InvoiceTests
{
    private static readonly InvoiceProcess Process = new()
    {
        Key = "invoice",
        SplitParameter = "split",
        RemainingField = "REMAINING",
        Pipeline = "body-repair",
        NextStage = "WAIT_CAR",
        DoneMessage = LocalizedText.Plain("Все ОК, ожидаем машину: «{title}»"),
    };

    [Theory]
    [InlineData(InvoiceAmountBasis.Remaining, 10000.0, 8000.0, false, 8000.0)]
    [InlineData(InvoiceAmountBasis.Remaining, 10000.0, 8000.0, true, 4000.0)]
    [InlineData(InvoiceAmountBasis.Remaining, 10000.0, null, false, 10000.0)] // nothing paid yet: the whole amount
    [InlineData(InvoiceAmountBasis.Remaining, 10000.0, -500.0, false, 0.0)] // overpaid: nothing to invoice
    [InlineData(InvoiceAmountBasis.Amount, 10000.0, 8000.0, false, 10000.0)]
    [InlineData(InvoiceAmountBasis.Remaining, 1000.01, 1000.01, true, 500.01)] // half a kopeck rounds away from zero
    public void Amount(InvoiceAmountBasis basis, double amount, double? remaining, bool split, double expected) =>
        Assert.Equal((decimal)expected, Invoice.Amount(Process with { AmountBasis = basis }, (decimal)amount, (decimal?)remaining, split));

    [Fact]
    public void Decide_Split_IssuesAPrepaymentInvoice_TellsTheManager_MovesOn()
    {
        var deal = new ItemState("deal", 8, new Dictionary<string, object?> { ["title"] = "Покраска", ["amount"] = 9000m, ["REMAINING"] = 9000m });
        var context = new ProcessContext(DateTimeOffset.UnixEpoch, BusinessCalendar.Default, new Dictionary<string, string> { ["split"] = "Y" });

        var decision = new Invoice().Decide(Process, deal, context);

        Assert.Equal(new PlannedInvoice("Предоплата по сделке «Покраска»", 4500m, true), decision.Invoice);
        Assert.Equal("WAIT_CAR", decision.MoveToStage);
        Assert.Equal("Все ОК, ожидаем машину: «Покраска»", Assert.Single(decision.Notices).Message);
        Assert.Equal(4500m, decision.Returns["invoiceAmount"]);
    }

    [Fact]
    public void Decide_NothingLeftToPay_NoInvoice()
    {
        var deal = new ItemState("deal", 8, new Dictionary<string, object?> { ["title"] = "Покраска", ["amount"] = 9000m, ["REMAINING"] = 0m });

        var decision = new Invoice().Decide(Process, deal, ProcessContext.At(DateTimeOffset.UnixEpoch, BusinessCalendar.Default));

        Assert.Null(decision.Invoice);
        Assert.Null(decision.MoveToStage);
        Assert.Single(decision.Notices);
    }
}
