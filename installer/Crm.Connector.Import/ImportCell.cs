namespace Crm.Connector.Import;

/// <summary>
/// One cell as read: its text (numbers in invariant form), the wall-clock date of a real Excel date cell, and whether the
/// cell held a formula (never evaluated, never imported).
/// </summary>
public sealed record ImportCell
{
    public static readonly ImportCell Empty = new();

    public string Text { get; init; } = string.Empty;

    /// <summary>An Excel date cell's value (no time zone: the portal's is applied later).</summary>
    public DateTime? Date { get; init; }

    public bool Formula { get; init; }

    public bool IsEmpty => Text.Length == 0 && Date is null && !Formula;
}
