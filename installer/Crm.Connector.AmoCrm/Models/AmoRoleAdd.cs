using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A role to create.</summary>
public sealed record AmoRoleAdd
{
    [JsonProperty("name")]
    public required string Name { get; init; }

    [JsonProperty("rights")]
    public AmoRights Rights { get; init; } = new();

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }
}
