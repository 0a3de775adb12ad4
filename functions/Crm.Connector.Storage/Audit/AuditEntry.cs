using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Audit;

/// <summary>
/// One automated action and why it happened: "set UF_CRM_ADMITTED = 1 on deal 42 — admission scoring, because
/// UF_CRM_TEST_1 changed". <see cref="Key"/>, when given, is unique: recording the same occurrence twice is refused,
/// which is how an action runs once per (item, trigger occurrence).
/// </summary>
public sealed record AuditEntry
{
    public long Id { get; init; }

    public required string MemberId { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The CRM entity and item acted on, if any.</summary>
    public string? Entity { get; init; }

    public long? ItemId { get; init; }

    /// <summary>What was done, e.g. <c>setField</c>, <c>notify</c>, <c>install</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Why, in words: the automation or process and its trigger.</summary>
    public required string Cause { get; init; }

    /// <summary>Details (field values, ids created); never tokens or personal data beyond ids.</summary>
    public JObject Detail { get; init; } = [];

    /// <summary>Unique occurrence key, or null for entries that need none.</summary>
    public string? Key { get; init; }
}
