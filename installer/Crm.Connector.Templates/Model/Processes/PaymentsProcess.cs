using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>
/// Payments in parts (body shop): the amounts in the multiple money field <see cref="PaymentsField"/> are summed into
/// <see cref="PaidField"/>, and <see cref="RemainingField"/> = amount − paid; recomputed when either changes.
/// </summary>
public sealed record PaymentsProcess : ProcessDefinition
{
    public const string Kind = "payments";

    [JsonRequired]
    public string PaymentsField { get; init; } = string.Empty;

    [JsonRequired]
    public string PaidField { get; init; } = string.Empty;

    [JsonRequired]
    public string RemainingField { get; init; } = string.Empty;

    /// <summary>The field holding the total: the system <c>amount</c> or a money field.</summary>
    public string AmountField { get; init; } = "amount";

    public override string KindName => Kind;
}
