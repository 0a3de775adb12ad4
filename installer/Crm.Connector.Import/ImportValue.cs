using Crm.Connector.Templates.Model;

namespace Crm.Connector.Import;

/// <summary>A typed value of a template field: exactly one of the members is set, as <see cref="Type"/> says.</summary>
public sealed record ImportValue
{
    public required FieldType Type { get; init; }

    public string? Text { get; init; }

    public decimal? Number { get; init; }

    public bool? Flag { get; init; }

    public DateOnly? Date { get; init; }

    public DateTimeOffset? Instant { get; init; }

    /// <summary>A list item's code (Bitrix24 XML_ID).</summary>
    public string? ItemCode { get; init; }
}
