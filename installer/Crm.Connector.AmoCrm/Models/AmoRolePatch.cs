using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a role; nulls are not sent.</summary>
public sealed record AmoRolePatch
{
    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("rights")]
    public AmoRights? Rights { get; init; }
}
