using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A lead (deal) as read (amocrm-api.md §6).</summary>
public sealed record AmoLead
{
    [JsonProperty("id")]
    public long Id { get; init; }

    [JsonProperty("name")]
    public string? Name { get; init; }

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

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    [JsonProperty("group_id")]
    public long? GroupId { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    [JsonProperty("updated_by")]
    public long? UpdatedBy { get; init; }

    [JsonProperty("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonProperty("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonProperty("closest_task_at")]
    public DateTimeOffset? ClosestTaskAt { get; init; }

    [JsonProperty("is_deleted")]
    public bool IsDeleted { get; init; }

    [JsonProperty("account_id")]
    public long? AccountId { get; init; }

    [JsonProperty("custom_fields_values")]
    public IReadOnlyList<AmoCustomFieldValue>? CustomFieldsValues { get; init; }

    [JsonProperty("_embedded")]
    public AmoEmbedded? Embedded { get; init; }

    /// <summary>Linked contacts (with <c>with=contacts</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink> Contacts => Embedded?.Contacts ?? [];

    /// <summary>Linked companies.</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink> Companies => Embedded?.Companies ?? [];

    [JsonIgnore]
    public IReadOnlyList<AmoTag> Tags => Embedded?.Tags ?? [];

    /// <summary>The values of field <paramref name="fieldId"/>, or null when the entity has none.</summary>
    public AmoCustomFieldValue? Field(long fieldId) => CustomFieldsValues?.FirstOrDefault(f => f.FieldId == fieldId);

    /// <summary>The loss reason (with <c>with=loss_reason</c>).</summary>
    [JsonIgnore]
    public AmoLossReason? LossReason => Embedded?.LossReason is { Count: > 0 } reasons ? reasons[0] : null;
}
