using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A status to create, or (with <see cref="Id"/> 142 or 143) a system status to rename.</summary>
public sealed record AmoStatusAdd
{
    /// <summary>Only 142 or 143: renames that system status.</summary>
    [JsonProperty("id")]
    public long? Id { get; init; }

    [JsonProperty("name")]
    public required string Name { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }

    /// <summary>One of the 21 colours amoCRM allows.</summary>
    [JsonProperty("color")]
    public string? Color { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }
}
