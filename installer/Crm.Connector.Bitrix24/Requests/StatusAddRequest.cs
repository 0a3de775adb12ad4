using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Fields of <c>crm.status.add</c> (bitrix24-rest.md §6.2).</summary>
public sealed record StatusAddRequest
{
    /// <summary><c>STATUS</c>, <c>DEAL_STAGE</c>, <c>DEAL_STAGE_{id}</c>, <c>SOURCE</c>…</summary>
    [JsonProperty("ENTITY_ID")]
    public required string EntityId { get; init; }

    /// <summary>The code; for a pipeline's stages the portal adds <c>C{id}:</c> itself.</summary>
    [JsonProperty("STATUS_ID")]
    public required string StatusId { get; init; }

    [JsonProperty("NAME")]
    public required string Name { get; init; }

    [JsonProperty("SORT")]
    public int? Sort { get; init; }

    [JsonProperty("COLOR")]
    public string? Color { get; init; }

    /// <summary><c>S</c>, <c>F</c> or empty.</summary>
    [JsonProperty("SEMANTICS")]
    public string? Semantics { get; init; }
}
