using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A task (<c>/api/v4/tasks</c>, amocrm-api.md §7.1).</summary>
public sealed record AmoTask
{
    [JsonProperty("id")]
    public long Id { get; init; }

    [JsonProperty("text")]
    public string? Text { get; init; }

    [JsonProperty("complete_till")]
    public DateTimeOffset? CompleteTill { get; init; }

    [JsonProperty("task_type_id")]
    public long? TaskTypeId { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    [JsonProperty("entity_id")]
    public long? EntityId { get; init; }

    [JsonProperty("entity_type")]
    public string? EntityType { get; init; }

    [JsonProperty("duration")]
    public int? Duration { get; init; }

    [JsonProperty("is_completed")]
    public bool IsCompleted { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    [JsonProperty("updated_by")]
    public long? UpdatedBy { get; init; }

    [JsonProperty("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonProperty("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonProperty("result")]
    [JsonConverter(typeof(AmoTaskResultConverter))]
    public AmoTaskResult? Result { get; init; }

    [JsonProperty("group_id")]
    public long? GroupId { get; init; }

    [JsonProperty("account_id")]
    public long? AccountId { get; init; }
}
