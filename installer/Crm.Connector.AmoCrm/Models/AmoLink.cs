using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A link from an entity to another (<c>/api/v4/{entity}/{id}/link</c>, amocrm-api.md §6.2).</summary>
public sealed record AmoLink
{
    /// <summary>The entity linked from (set in answers).</summary>
    [JsonProperty("entity_id")]
    public long? EntityId { get; init; }

    [JsonProperty("entity_type")]
    public string? EntityType { get; init; }

    [JsonProperty("to_entity_id")]
    public required long ToEntityId { get; init; }

    /// <summary>contacts, companies, leads, catalog_elements.</summary>
    [JsonProperty("to_entity_type")]
    public required string ToEntityType { get; init; }

    [JsonProperty("metadata")]
    public AmoLinkMetadata? Metadata { get; init; }
}
