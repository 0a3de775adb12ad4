using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A note to add to an entity (<c>POST /api/v4/{entity}/notes</c>).</summary>
public sealed record AmoNoteAdd
{
    [JsonProperty("entity_id")]
    public required long EntityId { get; init; }

    /// <summary><see cref="AmoNoteTypes"/>.</summary>
    [JsonProperty("note_type")]
    public required string NoteType { get; init; }

    [JsonProperty("params")]
    public AmoNoteParams Params { get; init; } = new();

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    [JsonProperty("is_need_to_trigger_digital_pipeline")]
    public bool? IsNeedToTriggerDigitalPipeline { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }

    /// <summary>A plain text note.</summary>
    public static AmoNoteAdd Common(long entityId, string text) => new() { EntityId = entityId, NoteType = AmoNoteTypes.Common, Params = new() { Text = text } };

    /// <summary>An integration's system note, signed with <paramref name="service"/>.</summary>
    public static AmoNoteAdd ServiceMessage(long entityId, string service, string text) =>
        new() { EntityId = entityId, NoteType = AmoNoteTypes.ExtendedServiceMessage, Params = new() { Service = service, Text = text } };
}
