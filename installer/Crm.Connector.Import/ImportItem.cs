namespace Crm.Connector.Import;

/// <summary>
/// A client to write, CRM-neutral: names, phone (+7…), e-mail, channel (the CRM's id), the creation time when it may
/// be set, the template's fields by code, and the import key that makes a re-run write nothing twice.
/// </summary>
public sealed record ImportItem
{
    public required string Key { get; init; }

    public required string Title { get; init; }

    public string? LastName { get; init; }

    public string? FirstName { get; init; }

    public string? MiddleName { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    /// <summary>The channel's id in the CRM (Bitrix24 SOURCE STATUS_ID).</summary>
    public string? ChannelId { get; init; }

    /// <summary>Set as the item's creation time (null: the CRM's "now").</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Template field code → value (text, decimal, bool, DateOnly, DateTimeOffset, or a list item's code).</summary>
    public IReadOnlyDictionary<string, ImportValue> Fields { get; init; } = new Dictionary<string, ImportValue>();
}
