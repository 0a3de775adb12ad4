namespace Crm.Connector.AmoCrm.Models;

/// <summary>Which leads, contacts or companies a list returns, and what they embed (amocrm-api.md §6.1).</summary>
public sealed record AmoListFilter
{
    /// <summary><c>filter[id][]</c>.</summary>
    public IReadOnlyList<long>? Ids { get; init; }

    /// <summary><c>filter[updated_at][from]</c> (unix seconds).</summary>
    public DateTimeOffset? UpdatedFrom { get; init; }

    /// <summary><c>filter[updated_at][to]</c>.</summary>
    public DateTimeOffset? UpdatedTo { get; init; }

    /// <summary><c>filter[created_at][from]</c>.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary><c>filter[responsible_user_id][]</c>.</summary>
    public IReadOnlyList<long>? ResponsibleUserIds { get; init; }

    /// <summary>Leads only: <c>filter[statuses][i][pipeline_id|status_id]</c>.</summary>
    public IReadOnlyList<AmoStageKey>? Statuses { get; init; }

    /// <summary>Leads only: <c>filter[pipeline_id][]</c>.</summary>
    public IReadOnlyList<long>? PipelineIds { get; init; }

    /// <summary>Full-text <c>query</c>.</summary>
    public string? Query { get; init; }

    /// <summary><c>with=</c>: <see cref="AmoWith.Contacts"/>, <see cref="AmoWith.LossReason"/>…</summary>
    public IReadOnlyList<string>? With { get; init; }
}
