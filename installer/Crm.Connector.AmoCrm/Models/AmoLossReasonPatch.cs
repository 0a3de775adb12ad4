using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a loss reason; nulls are not sent.</summary>
public sealed record AmoLossReasonPatch
{
    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }
}
