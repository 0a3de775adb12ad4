using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>
/// Two-way sync with 1C:Enterprise (seed 000, Professional plan): a deal entering one of <see cref="InvoiceStages"/> gets
/// an invoice in 1C — its counterparty found by the ИНН/КПП in <see cref="InnField"/>/<see cref="KppField"/>, or the
/// deal's contact as a private person — and the invoice's number is written to <see cref="InvoiceNumberField"/>. Payments
/// entered in 1C come back as <see cref="PaidField"/> and <see cref="RemainingField"/>, and move the deal as
/// <see cref="PaymentMoves"/> say (a prepayment, then the rest). The 1C connection itself is an installation setting.
/// Runs by itself on the deal's changes and on 1C's receipts: no automation needs to start it.
/// </summary>
public sealed record OneCSyncProcess : ProcessDefinition
{
    public const string Kind = "oneCSync";

    /// <summary>Stages whose entry issues the invoice in 1C.</summary>
    [JsonRequired]
    public IReadOnlyList<StageRef> InvoiceStages { get; init; } = [];

    /// <summary>The deal's string field with the payer's ИНН; empty or absent: the contact is invoiced as a private person.</summary>
    public string? InnField { get; init; }

    /// <summary>The deal's string field with the payer's КПП (legal entities).</summary>
    public string? KppField { get; init; }

    /// <summary>The deal's string field the 1C invoice number is written to.</summary>
    [JsonRequired]
    public string InvoiceNumberField { get; init; } = string.Empty;

    /// <summary>Money field: what 1C's receipts paid against the invoice.</summary>
    public string? PaidField { get; init; }

    /// <summary>Money field: the invoice total minus what was paid, never below zero.</summary>
    public string? RemainingField { get; init; }

    /// <summary>The field holding what the invoice is for: the system <c>amount</c> or a money field.</summary>
    public string AmountField { get; init; } = "amount";

    /// <summary>The invoice line's text; placeholders as in messages (<c>{title}</c>). Default: «Оплата по сделке «{title}»».</summary>
    public LocalizedText? LineText { get; init; }

    /// <summary>Where a payment moves the deal: the first rule whose stage and payment state match.</summary>
    public IReadOnlyList<PaymentMove> PaymentMoves { get; init; } = [];

    public override string KindName => Kind;
}

/// <summary>A payment's stage move: while the deal is in one of <see cref="From"/> of <see cref="Pipeline"/> and its invoice is <see cref="When"/>, it goes to <see cref="To"/>.</summary>
public sealed record PaymentMove
{
    [JsonRequired]
    public string Pipeline { get; init; } = string.Empty;

    [JsonRequired]
    public IReadOnlyList<string> From { get; init; } = [];

    [JsonRequired]
    public PaymentState When { get; init; }

    [JsonRequired]
    public string To { get; init; } = string.Empty;
}

/// <summary>How much of the invoice 1C's receipts have paid.</summary>
public enum PaymentState
{
    /// <summary>Something was paid (a prepayment), possibly all of it.</summary>
    [EnumMember(Value = "prepaid")]
    Prepaid,

    /// <summary>All of it.</summary>
    [EnumMember(Value = "paid")]
    Paid,
}
