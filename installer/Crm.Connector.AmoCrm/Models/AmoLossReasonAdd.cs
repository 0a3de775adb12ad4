using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A loss reason to create.</summary>
public sealed record AmoLossReasonAdd
{
    [JsonProperty("name")]
    public required string Name { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }
}
