namespace Crm.Connector.Import;

/// <summary>A row's outcome, the item it became or touched, and the reason (CRM message, problems, duplicate).</summary>
public sealed record ImportRowResult
{
    public required ImportRow Row { get; init; }

    public required ImportOutcome Outcome { get; init; }

    public long? ItemId { get; init; }

    public string Reason { get; init; } = string.Empty;
}
