using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A group (tab) of custom fields (<c>/api/v4/{entity}/custom_fields/groups</c>); its id is a string.</summary>
public sealed record AmoFieldGroup
{
    [JsonProperty("id")]
    public string Id { get; init; } = string.Empty;

    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("sort")]
    public int Sort { get; init; }

    [JsonProperty("entity_type")]
    public string? EntityType { get; init; }

    [JsonProperty("is_predefined")]
    public bool IsPredefined { get; init; }

    [JsonProperty("fields")]
    public IReadOnlyList<long>? Fields { get; init; }
}
