using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a status; nulls are not sent.</summary>
public sealed record AmoStatusPatch
{
    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }

    [JsonProperty("color")]
    public string? Color { get; init; }
}
