using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>A pipeline (<c>crm.category.*</c>, bitrix24-rest.md §6.1).</summary>
public sealed record Category
{
    [JsonProperty("id")]
    public int Id { get; init; }

    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("sort")]
    public int Sort { get; init; }

    [JsonProperty("entityTypeId")]
    public int EntityTypeId { get; init; }

    [JsonProperty("isDefault")]
    public bool IsDefault { get; init; }
}
