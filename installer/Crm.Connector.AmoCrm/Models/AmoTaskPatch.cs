using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a task; only what is set is sent.</summary>
public sealed record AmoTaskPatch
{
    [JsonProperty("id")]
    public required long Id { get; init; }

    [JsonProperty("text")]
    public string? Text { get; init; }

    [JsonProperty("complete_till")]
    public DateTimeOffset? CompleteTill { get; init; }

    [JsonProperty("task_type_id")]
    public long? TaskTypeId { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    [JsonProperty("is_completed")]
    public bool? IsCompleted { get; init; }

    [JsonProperty("result")]
    public AmoTaskResult? Result { get; init; }
}
