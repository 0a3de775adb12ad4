using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A lead to create (<c>POST /api/v4/leads</c>). With status 142/143 send the pipeline too.</summary>
public sealed record AmoLeadAdd : AmoRecordAdd
{
    [JsonProperty("price")]
    public long? Price { get; init; }

    [JsonProperty("status_id")]
    public long? StatusId { get; init; }

    [JsonProperty("pipeline_id")]
    public long? PipelineId { get; init; }

    [JsonProperty("loss_reason_id")]
    public long? LossReasonId { get; init; }
}
