using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Time;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Tests;

/// <summary>Seed 004: «Внесено» = sum of «Платежи», «Осталось оплатить» = amount − paid.</summary>
public sealed class PaymentsTests
{
    private static readonly PaymentsProcess Process = new() { Key = "payments", PaymentsField = "PAYMENTS", PaidField = "PAID", RemainingField = "REMAINING" };

    public static TheoryData<string, object?, object?, decimal, decimal> Cases => new()
    {
        { "no payments yet", null, 10000m, 0m, 10000m },
        { "two payments as money strings", new List<object?> { "3000|RUB", "2000.50|RUB" }, 10000m, 5000.50m, 4999.50m },
        { "blank values skipped", new List<object?> { "", null, "1000|RUB" }, 1000m, 1000m, 0m },
        { "overpaid shows as negative", new List<object?> { 1500m }, 1000m, 1500m, -500m },
        { "no amount yet", new List<object?> { "500" }, null, 500m, -500m },
        { "single value, not a list", "700|RUB", "700", 700m, 0m },
        { "rounding to kopecks", new List<object?> { "0.005", "0.005" }, 1m, 0.01m, 0.99m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute(string name, object? payments, object? amount, decimal paid, decimal remaining) =>
        Assert.True((paid, remaining) == Payments.Compute(payments, amount), name);

    [Fact]
    public void Decide_SetsBothFields_TriggeredByPaymentsOrAmount()
    {
        var before = new ItemState("deal", 1, new Dictionary<string, object?> { ["amount"] = 9000m, ["PAYMENTS"] = new List<object?>() });
        var after = before with { Fields = new Dictionary<string, object?>(before.Fields) { ["PAYMENTS"] = new List<object?> { "4000|RUB" } } };
        var rule = new Payments();

        var decision = rule.Decide(Process, after, ProcessContext.At(DateTimeOffset.UnixEpoch, BusinessCalendar.Default));

        Assert.Equal(4000m, decision.SetFields["PAID"]);
        Assert.Equal(5000m, decision.SetFields["REMAINING"]);
        Assert.True(rule.IsTriggeredBy(Process, ItemChange.Between(before, after, created: false)));
        Assert.False(rule.IsTriggeredBy(Process, ItemChange.Between(before, before with { Fields = new Dictionary<string, object?>(before.Fields) { ["stage"] = "X" } }, created: false)));
    }
}
