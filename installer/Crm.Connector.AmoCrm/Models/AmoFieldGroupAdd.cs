using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A custom field group to create.</summary>
public sealed record AmoFieldGroupAdd
{
    [JsonProperty("name")]
    public required string Name { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }

    [JsonProperty("fields")]
    public IReadOnlyList<long>? Fields { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }
}
