using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A task to create: it needs a responsible user and a deadline.</summary>
public sealed record AmoTaskAdd
{
    [JsonProperty("text")]
    public required string Text { get; init; }

    /// <summary>Deadline (sent as unix seconds).</summary>
    [JsonProperty("complete_till")]
    public required DateTimeOffset CompleteTill { get; init; }

    /// <summary>1 call (follow-up), 2 meeting, or an account task type.</summary>
    [JsonProperty("task_type_id")]
    public long? TaskTypeId { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    [JsonProperty("entity_id")]
    public long? EntityId { get; init; }

    /// <summary>leads, contacts, companies, customers.</summary>
    [JsonProperty("entity_type")]
    public string? EntityType { get; init; }

    /// <summary>Seconds.</summary>
    [JsonProperty("duration")]
    public int? Duration { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }
}
