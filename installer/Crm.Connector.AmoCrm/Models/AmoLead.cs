using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A lead (deal) as read (amocrm-api.md §6).</summary>
public sealed record AmoLead : AmoRecord
{
    [JsonProperty("price")]
    public long? Price { get; init; }

    [JsonProperty("status_id")]
    public long? StatusId { get; init; }

    [JsonProperty("pipeline_id")]
    public long? PipelineId { get; init; }

    [JsonProperty("loss_reason_id")]
    public long? LossReasonId { get; init; }

    [JsonProperty("source_id")]
    public long? SourceId { get; init; }

    [JsonProperty("closed_at")]
    public DateTimeOffset? ClosedAt { get; init; }

    [JsonProperty("score")]
    public int? Score { get; init; }

    /// <summary>The loss reason (with <c>with=loss_reason</c>).</summary>
    [JsonIgnore]
    public AmoLossReason? LossReason => Embedded?.LossReason is { Count: > 0 } reasons ? reasons[0] : null;
}
