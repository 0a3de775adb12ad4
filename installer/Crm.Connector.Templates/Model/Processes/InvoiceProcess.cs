using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>
/// Invoice step (body shop): issues an invoice for the deal — for the remaining amount, or, when the robot's
/// <see cref="SplitParameter"/> is set, for <see cref="PrepaymentShare"/> of it marked as prepayment — sends it to the
/// contact, tells the responsible user and moves the deal to <see cref="NextStage"/>.
/// </summary>
public sealed record InvoiceProcess : ProcessDefinition
{
    public const string Kind = "invoice";

    public InvoiceAmountBasis AmountBasis { get; init; } = InvoiceAmountBasis.Remaining;

    /// <summary>Share of the amount billed as prepayment when splitting (0.5 = half).</summary>
    public decimal PrepaymentShare { get; init; } = 0.5m;

    /// <summary>The boolean robot property that asks "split the invoice?".</summary>
    public string? SplitParameter { get; init; }

    /// <summary>Needed when <see cref="AmountBasis"/> is <c>remaining</c>.</summary>
    public string? RemainingField { get; init; }

    [JsonRequired]
    public string Pipeline { get; init; } = string.Empty;

    public string? NextStage { get; init; }

    public LocalizedText? DoneMessage { get; init; }

    public override string KindName => Kind;
}
