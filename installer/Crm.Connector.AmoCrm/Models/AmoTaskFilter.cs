namespace Crm.Connector.AmoCrm.Models;

/// <summary>Which tasks a list returns (amocrm-api.md §7.1).</summary>
public sealed record AmoTaskFilter
{
    public IReadOnlyList<long>? Ids { get; init; }

    public IReadOnlyList<long>? ResponsibleUserIds { get; init; }

    /// <summary><c>filter[is_completed]</c>: 1 or 0.</summary>
    public bool? IsCompleted { get; init; }

    public IReadOnlyList<long>? TaskTypeIds { get; init; }

    /// <summary>leads, contacts, companies, customers.</summary>
    public string? EntityType { get; init; }

    public IReadOnlyList<long>? EntityIds { get; init; }

    public DateTimeOffset? UpdatedFrom { get; init; }

    public DateTimeOffset? UpdatedTo { get; init; }
}
