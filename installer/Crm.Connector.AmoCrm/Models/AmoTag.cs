using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A tag on an entity.</summary>
public sealed record AmoTag
{
    [JsonProperty("id")]
    public long? Id { get; init; }

    [JsonProperty("name")]
    public string? Name { get; init; }
}
