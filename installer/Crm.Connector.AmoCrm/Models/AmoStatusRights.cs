using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Rights on the leads in one status.</summary>
public sealed record AmoStatusRights
{
    [JsonProperty("entity_type")]
    public string EntityType { get; init; } = "leads";

    [JsonProperty("pipeline_id")]
    public long PipelineId { get; init; }

    [JsonProperty("status_id")]
    public long StatusId { get; init; }

    [JsonProperty("rights")]
    public AmoEntityRights Rights { get; init; } = new();
}
