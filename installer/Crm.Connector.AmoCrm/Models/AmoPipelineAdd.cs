using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A pipeline to create (<c>POST /api/v4/leads/pipelines</c>), with its statuses; 142/143 may be renamed by passing their id.</summary>
public sealed record AmoPipelineAdd
{
    [JsonProperty("name")]
    public required string Name { get; init; }

    [JsonProperty("sort")]
    public int Sort { get; init; }

    [JsonProperty("is_main")]
    public bool IsMain { get; init; }

    [JsonProperty("is_unsorted_on")]
    public bool IsUnsortedOn { get; init; }

    /// <summary>Echoed back to match the answer; the client sets one when null.</summary>
    [JsonProperty("request_id")]
    public string? RequestId { get; init; }

    /// <summary>Sent as <c>_embedded.statuses</c>.</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoStatusAdd> Statuses { get; init; } = [];

    [JsonProperty("_embedded")]
    private object Embedded => new { statuses = Statuses };
}
