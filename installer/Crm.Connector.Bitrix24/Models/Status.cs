using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>A stage or status (<c>crm.status.*</c>, bitrix24-rest.md §6.2).</summary>
public sealed record Status
{
    [JsonProperty("ID")]
    public int Id { get; init; }

    /// <summary><c>STATUS</c> (lead statuses), <c>DEAL_STAGE</c>, <c>DEAL_STAGE_{id}</c>, <c>SOURCE</c>…</summary>
    [JsonProperty("ENTITY_ID")]
    public string EntityId { get; init; } = string.Empty;

    /// <summary>The code as stored (with the <c>C{id}:</c> prefix in non-default pipelines).</summary>
    [JsonProperty("STATUS_ID")]
    public string StatusId { get; init; } = string.Empty;

    [JsonProperty("NAME")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("SORT")]
    public int Sort { get; init; }

    [JsonProperty("COLOR")]
    public string? Color { get; init; }

    /// <summary><c>S</c> success, <c>F</c> failure, null in progress.</summary>
    [JsonProperty("SEMANTICS")]
    public string? Semantics { get; init; }

    [JsonProperty("SYSTEM")]
    public bool System { get; init; }

    [JsonProperty("CATEGORY_ID")]
    public int? CategoryId { get; init; }
}
