using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a pipeline (<c>PATCH /api/v4/leads/pipelines/{id}</c>); nulls are not sent.</summary>
public sealed record AmoPipelinePatch
{
    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }

    [JsonProperty("is_main")]
    public bool? IsMain { get; init; }

    [JsonProperty("is_unsorted_on")]
    public bool? IsUnsortedOn { get; init; }
}
