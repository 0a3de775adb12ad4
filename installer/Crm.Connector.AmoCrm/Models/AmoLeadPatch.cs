using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a lead (<c>PATCH /api/v4/leads</c>); only what is set is sent — never the whole entity (amocrm-api.md §12.3).</summary>
public sealed record AmoLeadPatch
{
    [JsonProperty("id")]
    public required long Id { get; init; }

    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("price")]
    public long? Price { get; init; }

    [JsonProperty("status_id")]
    public long? StatusId { get; init; }

    [JsonProperty("pipeline_id")]
    public long? PipelineId { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    /// <summary>With <see cref="StatusId"/> 143.</summary>
    [JsonProperty("loss_reason_id")]
    public long? LossReasonId { get; init; }

    /// <summary>Built with <see cref="CustomFieldValues"/>; more than 40 are written in follow-up PATCHes.</summary>
    [JsonProperty("custom_fields_values")]
    public CustomFieldValues? CustomFieldsValues { get; init; }
}
