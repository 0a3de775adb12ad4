using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A note on a lead, contact or company.</summary>
public sealed record AmoNote
{
    [JsonProperty("id")]
    public long Id { get; init; }

    [JsonProperty("entity_id")]
    public long EntityId { get; init; }

    [JsonProperty("note_type")]
    public string NoteType { get; init; } = string.Empty;

    [JsonProperty("params")]
    public AmoNoteParams? Params { get; init; }

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

    [JsonProperty("account_id")]
    public long? AccountId { get; init; }
}
