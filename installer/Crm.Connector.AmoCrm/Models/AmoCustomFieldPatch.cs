using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a custom field (<c>PATCH /api/v4/{entity}/custom_fields</c>, an array with ids); nulls are not sent.</summary>
public sealed record AmoCustomFieldPatch
{
    [JsonProperty("id")]
    public required long Id { get; init; }

    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }

    /// <summary>The WHOLE list: items left out are deleted by amoCRM.</summary>
    [JsonProperty("enums")]
    public IReadOnlyList<AmoEnum>? Enums { get; init; }

    /// <summary>An empty list clears them.</summary>
    [JsonProperty("required_statuses")]
    public IReadOnlyList<AmoRequiredStatus>? RequiredStatuses { get; init; }
}
