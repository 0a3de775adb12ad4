namespace Crm.Connector.AmoCrm.Models;

/// <summary>Which events a list returns (amocrm-api.md §7.3); events come at most 100 to a page.</summary>
public sealed record AmoEventFilter
{
    public IReadOnlyList<string>? Ids { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>At most 10 users.</summary>
    public IReadOnlyList<long>? CreatedBy { get; init; }

    /// <summary><c>filter[entity][]</c>: lead, contact, company, customer, task.</summary>
    public IReadOnlyList<string>? Entities { get; init; }

    /// <summary>At most 10, with exactly one entity.</summary>
    public IReadOnlyList<long>? EntityIds { get; init; }

    /// <summary><c>filter[type][]</c>: lead_status_changed, lead_added…</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary><c>with=</c>: contact_name, lead_name, company_name, note…</summary>
    public IReadOnlyList<string>? With { get; init; }
}
